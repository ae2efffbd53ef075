import { describe, expect, it } from "vitest";
import { classifyTask, isFailed } from "./classify-task";
import type { TaskFacts } from "./types";

// The outcome every task gets, read from its state (or, when state was not selected, from executionInfo).

const START = "2026-11-27T03:00:00.000Z";

describe("outcomes without a category", () => {
  it("succeeded: exit 0, result success", () => {
    const c = classifyTask({
      id: "t",
      state: "completed",
      executionInfo: { startTime: START, endTime: START, exitCode: 0, result: "success", retryCount: 0, requeueCount: 0 },
    });
    expect(c.outcome).toBe("succeeded");
    expect(c.category).toBeUndefined();
    expect(c.explanation).toBeUndefined();
    expect(c.nextStep).toBeUndefined();
    expect(c.exitCode).toBe(0);
    expect(isFailed({ id: "t", state: "completed", executionInfo: { exitCode: 0, result: "success" } })).toBe(false);
  });

  it.each([
    ["running", "running"],
    ["active", "waiting"],
    ["preparing", "waiting"],
    ["Running", "running"],
  ] as const)("state %s → outcome %s only", (state, outcome) => {
    const c = classifyTask({ id: "t", state, executionInfo: { startTime: START, retryCount: 0, requeueCount: 0 } });
    expect(c).toEqual({ outcome });
  });

  it("a running task is never failed, even with a leftover exit code from an earlier try", () => {
    const t: TaskFacts = { id: "t", state: "running", executionInfo: { exitCode: 1, retryCount: 1 } };
    expect(isFailed(t)).toBe(false);
    expect(classifyTask(t).category).toBeUndefined();
  });

  it("infers the state from executionInfo when state was not selected", () => {
    expect(classifyTask({ id: "t", executionInfo: { exitCode: 2, result: "failure", endTime: START } })).toMatchObject({
      outcome: "failed",
      category: "Application",
    });
    expect(classifyTask({ id: "t", executionInfo: { startTime: START } }).outcome).toBe("running");
    expect(classifyTask({ id: "t" }).outcome).toBe("waiting");
  });
});
