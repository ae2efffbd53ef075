import { describe, it, expect } from "vitest";
import { classifyTask } from "./classify-task";
import { failedTask, START } from "./task-fixture";

// The TaskEnded verdict (verdicts.ts) as classifyTask reaches it: a wall-clock kill or a terminate.

describe("TaskEnded: Constraint or Terminated", () => {
  const ended = { category: "servererror", code: "TaskEnded", message: "The task ended." };

  it("is Constraint with the wall-clock exit code, signed or unsigned", () => {
    for (const exitCode of [-1073741510, 3221225786]) {
      const c = classifyTask({ ...failedTask(ended, { exitCode }), constraints: { maxWallClockTime: "PT2H" } });
      expect(c.category).toBe("Constraint");
      expect(c.nextStep).toMatch(/Raise maxWallClockTime \(now 2h( 0m)? \(PT2H\)\)/);
      expect(c.exitCodeMeaning).toMatch(/maxWallClockTime/);
    }
  });

  it("quotes the current limit without claiming it fired when the run was shorter (the limit may have been raised)", () => {
    const c = classifyTask({ ...failedTask(ended, { exitCode: -1073741510 }), constraints: { maxWallClockTime: "PT1H" } });
    expect(c.category).toBe("Constraint");
    expect(c.explanation).toBe("Batch killed the task after running 5m: it exceeded its maxWallClockTime (now 1h (PT1H); it may have been raised since).");
  });

  it("reports the unsigned form of a Windows exit code as signed", () => {
    const c = classifyTask(failedTask({ code: "FailureExitCode" }, { exitCode: 3221225477 }));
    expect(c.exitCode).toBe(3221225477);
    expect(c.explanation).toMatch(/code -1073741819: 0xC0000005/);
  });

  it("is Constraint without a limit to quote", () => {
    const c = classifyTask(failedTask(ended, { exitCode: -1073741510 }));
    expect(c.category).toBe("Constraint");
    expect(c.explanation).toMatch(/exceeded its maxWallClockTime/);
  });

  it("is Constraint without the exit code when the run time reached maxWallClockTime", () => {
    const c = classifyTask({
      ...failedTask(ended, { exitCode: 137, startTime: new Date(START), endTime: new Date("2026-11-27T05:00:00.000Z") }),
      constraints: { maxWallClockTime: "PT2H" },
    });
    expect(c.category).toBe("Constraint");
    expect(c.explanation).toMatch(/after running 2h: it reached its maxWallClockTime of 2h \(PT2H\)/);
  });

  it("is Terminated when it ended before the limit", () => {
    const c = classifyTask({
      ...failedTask({ ...ended, category: "usererror", message: "Task was ended by user request." }, { exitCode: 137 }),
      constraints: { maxWallClockTime: "PT2H" },
    });
    expect(c.category).toBe("Terminated");
    expect(c.explanation).toMatch(/ended on request.*exit code 137 comes from the kill/);
    expect(c.nextStep).toMatch(/audit log/);
  });

  it("is Terminated under an unlimited maxWallClockTime however long it ran", () => {
    const c = classifyTask({
      ...failedTask(ended, { exitCode: 143, startTime: "2026-01-01T00:00:00Z", endTime: "2026-11-01T00:00:00Z" }),
      constraints: { maxWallClockTime: "P10675199DT2H48M5.4775807S" },
    });
    expect(c.category).toBe("Terminated");
  });

  it("is Terminated when a queued task was ended before it ran", () => {
    const c = classifyTask({ id: "t", state: "completed", executionInfo: { endTime: START, result: "failure", failureInfo: ended } });
    expect(c.category).toBe("Terminated");
    expect(c.explanation).toMatch(/before it ran/);
    expect(c.exitCode).toBeUndefined();
  });
});

describe("TaskEnded with Batch's 'unlimited' maxWallClockTime", () => {
  it("does not print the unlimited duration as a limit to raise", () => {
    const c = classifyTask({
      id: "t",
      state: "completed",
      constraints: { maxWallClockTime: "P10675199DT2H48M5.4775807S" },
      executionInfo: { result: "failure", exitCode: -1073741510, failureInfo: { category: "servererror", code: "TaskEnded" } },
    });
    expect(c.category).toBe("Constraint");
    expect(c.nextStep).not.toContain("P10675199");
  });
});
