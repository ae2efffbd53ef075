import { describe, expect, it } from "vitest";
import { commandShape, pickSucceeded } from "./compare";

describe("pickSucceeded: the succeeded task a failure is compared with", () => {
  const failed = { commandLine: "/bin/bash -c 'ingest --chunk 42'", endTime: 10_000 };

  it("prefers the same command shape, nearest in end time", () => {
    const pick = pickSucceeded(failed, [
      { id: "live-1", commandLine: "/bin/bash -c 'echo live 1 && sleep 60'", endTime: 10_001 },
      { id: "chunk-7", commandLine: "/bin/bash -c 'ingest --chunk 7'", endTime: 2_000 },
      { id: "chunk-9", commandLine: "/bin/bash -c 'ingest --chunk 9'", endTime: 9_000 },
    ]);
    expect(pick).toEqual({ id: "chunk-9", chosen: "sameShape" });
  });

  it("falls back to the nearest of any shape, and to none", () => {
    expect(pickSucceeded(failed, [{ id: "other", commandLine: "run.sh", endTime: 1 }])).toEqual({ id: "other", chosen: "recent" });
    expect(pickSucceeded(failed, [])).toBeUndefined();
  });

  it("masks numbers in the shape", () => {
    expect(commandShape("render --frame 0012 --out out/")).toBe(commandShape("render --frame 0300 --out out/"));
  });
});
