import { describe, expect, it } from "vitest";
import { failureStrip, orderNodeFiles, sinceText, startTaskSummary } from "@/lib/display/node-facts";

const T0 = Date.parse("2026-11-27T08:00:00Z");
const at = (ms: number) => new Date(T0 + ms).toISOString();

describe("sinceText", () => {
  it("says how long a state has lasted by the service's clock", () => {
    expect(sinceText(at(0), T0 + (2 * 60 + 5) * 60_000)).toBe("for 2h 5m");
    expect(sinceText(undefined, T0)).toBe("");
  });
});

describe("startTaskSummary", () => {
  it("explains a failed start task with its exit code and retries", () => {
    const s = startTaskSummary({ state: "completed", exitCode: 100, result: "failure", retryCount: 1 });
    expect(s.failed).toBe(true);
    expect(s.text).toContain("failed with exit code 100");
    expect(s.text).toContain("after 1 retry");
  });
  it("explains well-known exit codes", () => {
    expect(startTaskSummary({ state: "completed", exitCode: 127, result: "failure", retryCount: 0 }).exitMeaning).toMatch(/command not found/);
  });
  it("says when there is no start task, and when it succeeded", () => {
    expect(startTaskSummary(undefined).failed).toBe(false);
    expect(startTaskSummary({ state: "completed", exitCode: 0, result: "success", retryCount: 0 }).text).toMatch(/^The start task succeeded/);
  });
});

describe("orderNodeFiles", () => {
  it("puts the start task's logs first and drops directories", () => {
    const files = [
      { name: "workitems", isDirectory: true },
      { name: "shared/a.log", isDirectory: false },
      { name: "startup/stdout.txt", isDirectory: false },
      { name: "startup/stderr.txt", isDirectory: false },
      { name: "applications/x", isDirectory: false },
    ];
    expect(orderNodeFiles(files).map((f) => f.name)).toEqual(["startup/stderr.txt", "startup/stdout.txt", "applications/x", "shared/a.log"]);
  });
});

describe("failureStrip", () => {
  it("places failed tasks by end time between the oldest recent task and now", () => {
    const tasks = [
      { jobId: "j", taskId: "ok", state: "completed", outcome: "succeeded", endTime: at(0) },
      { jobId: "j", taskId: "bad", state: "completed", outcome: "failed", endTime: at(50_000), category: "Application" },
      { jobId: "j", taskId: "run", state: "running", outcome: "running" },
    ];
    const s = failureStrip(tasks, T0 + 100_000);
    expect(s.fromMs).toBe(T0);
    expect(s.marks).toHaveLength(1);
    expect(s.marks[0]?.task.taskId).toBe("bad");
    expect(s.marks[0]?.at).toBeCloseTo(0.5);
  });
});
