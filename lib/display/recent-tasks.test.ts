import { describe, expect, it } from "vitest";
import { byLatestKnown } from "./recent-tasks";

const task = (taskId: string, times: { startTime?: string; endTime?: string }) => ({ jobId: "j", taskId, state: "completed", outcome: "success", ...times });

describe("Batch's recent tasks, latest first by what is known", () => {
  it("orders by end time, a running task by its start time, and a task with no time last", () => {
    const sorted = byLatestKnown([
      task("old", { startTime: "2026-11-27T09:00:00Z", endTime: "2026-11-27T09:10:00Z" }),
      task("none", {}),
      task("running", { startTime: "2026-11-27T09:30:00Z" }),
      task("new", { startTime: "2026-11-27T09:00:00Z", endTime: "2026-11-27T09:40:00Z" }),
    ]);
    expect(sorted.map((t) => t.taskId)).toEqual(["new", "running", "old", "none"]);
  });
});
