import type { TaskFacts } from "./types";

/** When the fixture task started: cases that reason about run time add to it. */
export const START = "2026-11-27T03:00:00.000Z";

/** A completed, failed task as Batch returns it, with only what a test case needs to vary. */
export function failedTask(
  failureInfo: NonNullable<TaskFacts["executionInfo"]>["failureInfo"],
  extra: Partial<NonNullable<TaskFacts["executionInfo"]>> = {},
): TaskFacts {
  return {
    id: "t1",
    state: "completed",
    executionInfo: {
      startTime: START,
      endTime: "2026-11-27T03:05:00.000Z",
      result: "failure",
      retryCount: 0,
      requeueCount: 0,
      failureInfo,
      ...extra,
    },
    nodeInfo: { nodeId: "tvm-1", poolId: "p1" },
  };
}
