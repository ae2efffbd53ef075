import { describe, expect, it } from "vitest";
import { followOffered, followPolicy, watchesSize } from "./follow";

describe("follow", () => {
  it("is offered for a running task's files, never for a task that ended or whose state is not known yet", () => {
    expect(followOffered(followPolicy({ kind: "task", state: "running" }), false)).toBe(true);
    expect(followOffered(followPolicy({ kind: "task", state: "completed" }), true)).toBe(false);
    expect(followOffered(followPolicy({ kind: "task", state: "preparing" }), false)).toBe(false);
    expect(followOffered(followPolicy({ kind: "task" }), true)).toBe(false);
  });

  it("is offered for a node's file once the file has grown since it was opened, and the size is watched until then", () => {
    const p = followPolicy({ kind: "node" });
    expect(followOffered(p, false)).toBe(false);
    expect(watchesSize(p, false)).toBe(true);
    expect(followOffered(p, true)).toBe(true);
    expect(watchesSize(p, true)).toBe(false);
    expect(watchesSize(followPolicy({ kind: "task", state: "completed" }), false)).toBe(false);
  });
});
