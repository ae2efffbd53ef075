import { describe, it, expect } from "vitest";
import { classifyTask, isFailed } from "./classify-task";
import type { FailureCategory, TaskFacts } from "./types";
import { failedTask, START } from "./task-fixture";

describe("every task failureInfo code Batch documents (and the job error JobBeingTerminated)", () => {
  // TaskEnded depends on the exit code and run time; it has its own cases below.
  const table: [code: string, category: FailureCategory][] = [
    ["FailureExitCode", "Application"],
    ["BlobNotFound", "PreProcessing"],
    ["BlobAccessDenied", "PreProcessing"],
    ["BlobDownloadTimedOut", "PreProcessing"],
    ["BlobDownloadMiscError", "PreProcessing"],
    ["ResourceContainerAccessDenied", "PreProcessing"],
    ["ResourceContainerNotFound", "PreProcessing"],
    ["ResourceContainerListTimedOut", "PreProcessing"],
    ["ResourceContainerListMiscError", "PreProcessing"],
    ["ResourceDirectoryCreateFailed", "Node"],
    ["ResourceFileCreateFailed", "Node"],
    ["ResourceFileWriteFailed", "Node"],
    ["DiskFull", "Node"],
    ["CommandProgramNotFound", "PreProcessing"],
    ["CommandLaunchFailed", "PreProcessing"],
    ["ApplicationPackageError", "PreProcessing"],
    ["MountConfigurationError", "Node"],
    ["ContainerInvalidImage", "Container"],
    ["ContainerInvalidRegistry", "Container"],
    ["ContainerInvalidSettings", "Container"],
    ["ContainerMiscError", "Container"],
    ["FileUploadAccessDenied", "FileUpload"],
    ["FileUploadContainerNotFound", "FileUpload"],
    ["FileUploadConflict", "FileUpload"],
    ["FileUploadTimedOut", "FileUpload"],
    ["FileUploadMiscError", "FileUpload"],
    ["MaxInternalRetryCountReached", "Node"],
    ["TaskSchedulingConstraintFailed", "Unknown"],
    ["Unknown", "Unknown"],
    ["JobBeingTerminated", "Terminated"],
  ];

  it.each(table)("%s → %s", (code, category) => {
    const exitCode = code === "FailureExitCode" ? 1 : undefined;
    const c = classifyTask(failedTask({ category: "usererror", code, message: `msg ${code}` }, exitCode !== undefined ? { exitCode } : {}));
    expect(c.outcome).toBe("failed");
    expect(c.category).toBe(category);
    expect(c.code).toBe(code);
    expect(c.message).toBe(`msg ${code}`);
    expect(c.explanation).toBeTruthy();
    expect(c.nextStep).toBeTruthy();
  });

  it("matches codes whatever their casing", () => {
    expect(classifyTask(failedTask({ code: "blobnotfound" })).category).toBe("PreProcessing");
    expect(classifyTask(failedTask({ code: "TASKENDED" }, { exitCode: -1073741510 })).category).toBe("Constraint");
  });

  it("keeps the raw failureInfo, filling absent detail fields with empty strings", () => {
    const c = classifyTask(
      failedTask({
        category: "usererror",
        code: "BlobNotFound",
        message: "The specified blob does not exist.",
        details: [{ name: "BlobSource", value: "https://x/y" }, { name: "HttpStatusCode" }],
      }),
    );
    expect(c).toMatchObject({
      code: "BlobNotFound",
      message: "The specified blob does not exist.",
      serviceCategory: "usererror",
      details: [
        { name: "BlobSource", value: "https://x/y" },
        { name: "HttpStatusCode", value: "" },
      ],
    });
  });

  it("names the node in a Node category's next step", () => {
    expect(classifyTask(failedTask({ code: "DiskFull" })).nextStep).toMatch(/node tvm-1/);
  });
});

describe("Application", () => {
  it("a non-zero exit without failureInfo is an Application failure", () => {
    const c = classifyTask({ id: "t", state: "completed", executionInfo: { exitCode: 1, result: "failure" } });
    expect(c).toMatchObject({ outcome: "failed", category: "Application", exitCode: 1 });
    expect(c.exitCodeMeaning).toMatch(/general error/);
    expect(c.explanation).toMatch(/exited with code 1: general error/);
    expect(c.nextStep).toMatch(/stderr\.txt at its last lines/);
    expect(c.code).toBeUndefined();
  });

  it("a non-zero exit is a failure even if result says otherwise or is missing", () => {
    expect(isFailed({ id: "t", state: "completed", executionInfo: { exitCode: 3 } })).toBe(true);
    expect(classifyTask({ id: "t", state: "completed", executionInfo: { exitCode: 3, result: "success" } }).category).toBe("Application");
  });

  it("explains well-known exit codes and sharpens the next step", () => {
    const oom = classifyTask(failedTask({ code: "FailureExitCode" }, { exitCode: 137 }));
    expect(oom.explanation).toMatch(/code 137: killed by signal 9 \(SIGKILL\), usually the out-of-memory killer/);
    expect(oom.nextStep).toMatch(/larger VM size/);
    const notFound = classifyTask(failedTask({ code: "FailureExitCode" }, { exitCode: 127 }));
    expect(notFound.nextStep).toMatch(/installed on the node and on PATH/);
  });

  it("shows Windows codes signed and in hex", () => {
    const c = classifyTask(failedTask({ code: "FailureExitCode" }, { exitCode: -1073741819 }));
    expect(c.explanation).toMatch(/code -1073741819: 0xC0000005 STATUS_ACCESS_VIOLATION/);
    expect(c.exitCodeMeaning).toMatch(/access violation/);
  });

  it("says so when the code is the program's own", () => {
    const c = classifyTask(failedTask({ code: "FailureExitCode" }, { exitCode: 42 }));
    expect(c.explanation).toMatch(/code 42, a code of the program's own/);
    expect(c.exitCodeMeaning).toBeUndefined();
  });
});

describe("edge cases", () => {
  it("a task that failed before it ran has no exit code and is still classified", () => {
    const c = classifyTask(failedTask({ category: "usererror", code: "CommandProgramNotFound", message: "The specified command program is not found" }));
    expect(c).toMatchObject({ outcome: "failed", category: "PreProcessing" });
    expect(c.exitCode).toBeUndefined();
    expect(c.exitCodeMeaning).toBeUndefined();
    expect(c.explanation).toMatch(/never started/);
    expect(c.nextStep).toMatch(/\/bin\/sh -c/);
  });

  it("treats a null exit code (as the SDK may send it) like an absent one", () => {
    const t = failedTask({ code: "BlobNotFound" }, { exitCode: null as unknown as number });
    expect(classifyTask(t).exitCode).toBeUndefined();
    expect(isFailed(t)).toBe(true);
  });

  it("FileUploadAccessDenied with exit code 0 is still a failure, in FileUpload", () => {
    const t = failedTask({ category: "usererror", code: "FileUploadAccessDenied", message: "Access … denied" }, { exitCode: 0 });
    expect(isFailed(t)).toBe(true);
    const c = classifyTask(t);
    expect(c).toMatchObject({ outcome: "failed", category: "FileUpload", exitCode: 0 });
    expect(c.explanation).toMatch(/^The command line succeeded \(exit code 0\), but: uploading the output files was denied/);
    expect(c.nextStep).toMatch(/fileuploaderr\.txt/);
  });

  it("a failure flagged only by result has a category too", () => {
    const c = classifyTask({ id: "t", state: "completed", executionInfo: { exitCode: 0, result: "failure" } });
    expect(c).toMatchObject({ outcome: "failed", category: "Unknown" });
  });

  it("an unknown code is Unknown with the raw code kept", () => {
    const c = classifyTask(failedTask({ category: "servererror", code: "SomethingNew", message: "new", details: [{ name: "k", value: "v" }] }));
    expect(c).toMatchObject({
      outcome: "failed",
      category: "Unknown",
      code: "SomethingNew",
      message: "new",
      details: [{ name: "k", value: "v" }],
    });
    expect(c.explanation).toMatch(/SomethingNew/);
  });

  it("failureInfo without a code is Unknown", () => {
    expect(classifyTask(failedTask({ category: "servererror" })).category).toBe("Unknown");
  });
});

describe("interrupted and retried markers", () => {
  it("marks a requeued task as interrupted, with the time as ISO", () => {
    const c = classifyTask({
      id: "t",
      state: "running",
      executionInfo: { requeueCount: 2, lastRequeueTime: new Date("2026-11-27T02:00:00Z"), retryCount: 0 },
    });
    expect(c).toEqual({ outcome: "running", interrupted: { requeueCount: 2, lastRequeueTime: "2026-11-27T02:00:00.000Z" } });
  });

  it("marks a retried failed task, normalising Batch's 7-digit fractions to ISO", () => {
    const c = classifyTask(failedTask({ code: "FailureExitCode" }, { exitCode: 1, retryCount: 3, lastRetryTime: "2026-11-27T03:01:02.1234567Z" }));
    expect(c.retried).toEqual({ retryCount: 3, lastRetryTime: "2026-11-27T03:01:02.123Z" });
    expect(c.interrupted).toBeUndefined();
  });

  it("carries both markers on a succeeded task, and omits a missing time", () => {
    const c = classifyTask({
      id: "t",
      state: "completed",
      executionInfo: { exitCode: 0, result: "success", retryCount: 1, requeueCount: 1 },
    });
    expect(c).toEqual({
      outcome: "succeeded",
      exitCode: 0,
      exitCodeMeaning: expect.any(String),
      interrupted: { requeueCount: 1 },
      retried: { retryCount: 1 },
    });
  });

  it("has no markers at zero", () => {
    const c = classifyTask(failedTask({ code: "FailureExitCode" }, { exitCode: 1 }));
    expect(c.retried).toBeUndefined();
    expect(c.interrupted).toBeUndefined();
  });
});

describe("values as the real service sends them (docs/real-service.md)", () => {
  it.each(["UserError", "userError", "USERERROR", "usererror"])("failureInfo.category %s classifies alike and reads as usererror", (category) => {
    const c = classifyTask(failedTask({ category, code: "CommandProgramNotFound", message: "The specified command program is not found" }));
    expect(c).toMatchObject({ outcome: "failed", category: "PreProcessing", serviceCategory: "usererror" });
  });

  it("keeps a service category it does not know as sent", () => {
    expect(classifyTask(failedTask({ category: "PlatformError", code: "DiskFull" })).serviceCategory).toBe("PlatformError");
  });

  it("reads capitalised states and results, and an exit code sent as a string", () => {
    const task: TaskFacts = {
      id: "t2",
      state: "Completed",
      executionInfo: { startTime: START, endTime: "2026-11-27T03:05:00.000Z", result: "Failure", exitCode: "137" as unknown as number },
    };
    expect(isFailed(task)).toBe(true);
    expect(classifyTask(task)).toMatchObject({ outcome: "failed", category: "Application", exitCode: 137 });
  });

  it('an exit code "0" with result Success is a success, not a non-zero code', () => {
    const task: TaskFacts = {
      id: "t3",
      state: "COMPLETED",
      executionInfo: { endTime: START, result: "Success", exitCode: "0" as unknown as number },
    };
    expect(isFailed(task)).toBe(false);
    expect(classifyTask(task).outcome).toBe("succeeded");
  });
});
