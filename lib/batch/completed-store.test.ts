import { describe, expect, it } from "vitest";
import { decodeJob, encodeJob, uncovered, union, type StoredJob } from "./completed-store";
import type { CompletedTask } from "./scope-tasks";

/** 1,000 tasks shaped like the scale scenario's: 2,000 nodes, about 3 % failed, ends spread over a day. */
function sampleTasks(n: number): CompletedTask[] {
  let seed = 7;
  const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const day0 = Date.UTC(2026, 11, 2);
  return Array.from({ length: n }, (_, i): CompletedTask => {
    const failed = rand() < 0.03;
    return {
      jobId: "sweep-01",
      id: `t-${String(i + 1).padStart(5, "0")}`,
      nodeId: `tvmps_${String(Math.floor(rand() * 2000)).padStart(4, "0")}_d`,
      endTime: day0 + Math.floor(rand() * 86_400_000),
      failed,
      ...(failed ? { category: "UserError", code: "FailureExitCode", exitCode: 1 } : { category: "Success", exitCode: 0 }),
    };
  });
}

describe("completed-store encoding", () => {
  it("decodes to the same tasks and spans it encoded (ordered by end time)", () => {
    const tasks = sampleTasks(1000);
    const noNode: CompletedTask = { jobId: "sweep-01", id: "never-ran", endTime: tasks[0]!.endTime, failed: true, category: "PreProcessingError" };
    const entry: StoredJob = { covered: [{ from: 1, to: 5 }], tasks: [...tasks, noNode] };
    const back = decodeJob(encodeJob(entry), "sweep-01")!;
    expect(back.covered).toEqual(entry.covered);
    const byId = (a: CompletedTask, b: CompletedTask) => (a.id < b.id ? -1 : 1);
    expect([...back.tasks].sort(byId)).toEqual([...entry.tasks].sort(byId));
  });

  it("costs a few KiB per 1,000 tasks (the figure in docs/architecture.md)", () => {
    const bytes = encodeJob({ covered: [], tasks: sampleTasks(10_000) }).length / 10;
    console.log(`completed-tasks entry: ${Math.round(bytes)} bytes per 1,000 tasks`);
    expect(bytes).toBeLessThan(12_000);
  });

  it("reads a damaged entry as a miss", () => {
    expect(decodeJob(Buffer.from("not gzip"), "j")).toBeUndefined();
  });
});

describe("spans", () => {
  it("what is left of a window after the spans covered", () => {
    expect(uncovered({ from: 0, to: 100 }, [])).toEqual([{ from: 0, to: 100 }]);
    expect(
      uncovered({ from: 0, to: 100 }, [
        { from: 10, to: 20 },
        { from: 50, to: 200 },
      ]),
    ).toEqual([
      { from: 0, to: 10 },
      { from: 20, to: 50 },
    ]);
    expect(uncovered({ from: 30, to: 40 }, [{ from: 0, to: 100 }])).toEqual([]);
  });

  it("merges touching and overlapping spans", () => {
    expect(
      union([
        { from: 20, to: 30 },
        { from: 0, to: 10 },
        { from: 10, to: 15 },
        { from: 25, to: 40 },
        { from: 5, to: 5 },
      ]),
    ).toEqual([
      { from: 0, to: 15 },
      { from: 20, to: 40 },
    ]);
  });
});
