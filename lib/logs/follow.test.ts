import { describe, expect, it } from "vitest";
import { followOffered, followPolicy, watchesSize } from "./follow";

describe("follow", () => {
  it("is offered at once for a running task's files", () => {
    const p = followPolicy({ kind: "task", state: "running" });
    expect(followOffered(p, false)).toBe(true);
    expect(watchesSize(p, true)).toBe(false);
  });

  it("is not offered for a task that ended, or whose state is not known yet, unless its file is seen to grow", () => {
    for (const owner of [{ kind: "task", state: "completed" }, { kind: "task", state: "preparing" }, { kind: "task" }] as const) {
      const p = followPolicy(owner);
      expect(followOffered(p, false)).toBe(false);
      expect(watchesSize(p, false)).toBe(true);
      expect(followOffered(p, true)).toBe(true);
    }
  });

  it("is offered for a node's file once the file has grown since it was opened, and the size is watched until then", () => {
    const p = followPolicy({ kind: "node" });
    expect(followOffered(p, false)).toBe(false);
    expect(watchesSize(p, false)).toBe(true);
    expect(followOffered(p, true)).toBe(true);
    expect(watchesSize(p, true)).toBe(false);
  });
});
