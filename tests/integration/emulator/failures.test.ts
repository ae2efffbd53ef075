import type { BatchServiceModels } from "@azure/batch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addJob, READ_SAS, readBody, readyPool, startHarness, taskCompleted, waitFor, WRITE_SAS, type Harness } from "./harness";

/** Each failure cause, run live through the scheduler, must leave the wire fields Batch itself sends for it (docs/real-service.md "Values on the wire"). */

const STORE = "https://teststore.blob.core.windows.net";
const WALL_CLOCK_EXIT_CODE = -1073741510;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.control("POST", "/storage/accounts", { name: "teststore" });
  await h.control("POST", "/storage/accounts/teststore/containers", { name: "inputs" });
  await h.control("POST", "/storage/accounts/teststore/containers", { name: "outputs" });
  await h.control("PUT", "/storage/accounts/teststore/containers/inputs/blobs/data/present.csv", "a,b\n1,2\n");
  await readyPool(h, "io", 2);
  await addJob(h, "io-job", "io");
});
afterAll(() => h.close());

const text = async (jobId: string, taskId: string, path: string) => (await readBody(await h.client.file.getFromTask(jobId, taskId, path))).toString();
const run = async (task: BatchServiceModels.TaskAddParameter, options?: { stepMs?: number }) => {
  await h.client.task.add("io-job", task);
  return taskCompleted(h, "io-job", task.id, options);
};
const detail = (t: BatchServiceModels.CloudTask, name: string) => t.executionInfo?.failureInfo?.details?.find((d) => d.name === name)?.value;

describe("resource files and output files", () => {
  it("downloads a blob that exists and succeeds", async () => {
    const t = await run({
      id: "rf-ok",
      commandLine: `/bin/sh -c "echo read"`,
      resourceFiles: [{ httpUrl: `${STORE}/inputs/data/present.csv?${READ_SAS}`, filePath: "present.csv" }],
    });
    expect(t.executionInfo).toMatchObject({ exitCode: 0, result: "success" });
  });

  it("a missing blob fails before the command runs: BlobNotFound, UserError, no exit code", async () => {
    const t = await run({
      id: "rf-missing",
      commandLine: `/bin/sh -c "echo never"`,
      resourceFiles: [{ httpUrl: `${STORE}/inputs/data/absent.csv?${READ_SAS}`, filePath: "absent.csv" }],
    });
    expect(t.executionInfo).toMatchObject({ result: "failure", retryCount: 0, failureInfo: { category: "UserError", code: "BlobNotFound" } });
    expect(t.executionInfo?.exitCode).toBeUndefined();
    expect(detail(t, "HttpStatusCode")).toBe("404");
    // The SAS signature never appears in what the dashboard shows.
    expect(detail(t, "BlobSource")).toContain("sig=REDACTED");
  });

  it("an unknown storage account cannot be resolved: BlobDownloadMiscError naming the host", async () => {
    const t = await run({
      id: "rf-noacct",
      commandLine: "true",
      resourceFiles: [{ httpUrl: `https://nosuchaccount.blob.core.windows.net/inputs/x.bin?${READ_SAS}`, filePath: "x.bin" }],
    });
    expect(t.executionInfo).toMatchObject({ result: "failure", failureInfo: { category: "ServerError", code: "BlobDownloadMiscError" } });
    expect(t.executionInfo?.exitCode).toBeUndefined();
    expect(detail(t, "ErrorMessage")).toContain("nosuchaccount.blob.core.windows.net");
  });

  it("a read-only SAS on an output container: FileUploadAccessDenied with exit code 0, result failure and fileuploaderr.txt", async () => {
    const t = await run({
      id: "of-readonly",
      commandLine: `/bin/sh -c "echo produced output"`,
      outputFiles: [
        {
          filePattern: "out/*.txt",
          destination: { container: { containerUrl: `${STORE}/outputs?${READ_SAS}` } },
          uploadOptions: { uploadCondition: "taskcompletion" },
        },
      ],
    });
    expect(t.executionInfo).toMatchObject({ exitCode: 0, result: "failure", failureInfo: { category: "UserError", code: "FileUploadAccessDenied" } });
    expect(detail(t, "HttpStatusCode")).toBe("403");
    const log = await text("io-job", "of-readonly", "fileuploaderr.txt");
    expect(log).toContain("AuthorizationPermissionMismatch");
    expect(log).toContain("FileUploadAccessDenied");
    expect(log).not.toContain("sig=abc");
    expect(await text("io-job", "of-readonly", "stdout.txt")).toBe("produced output\n");
  });

  it("a writable SAS uploads fine and leaves fileuploadout.txt", async () => {
    const t = await run({
      id: "of-ok",
      commandLine: `/bin/sh -c "echo produced output"`,
      outputFiles: [
        {
          filePattern: "out/*.txt",
          destination: { container: { containerUrl: `${STORE}/outputs?${WRITE_SAS}` } },
          uploadOptions: { uploadCondition: "tasksuccess" },
        },
      ],
    });
    expect(t.executionInfo).toMatchObject({ exitCode: 0, result: "success" });
    expect(await text("io-job", "of-ok", "fileuploadout.txt")).toContain("Uploaded out/*.txt");
  });
});

describe("command outcomes", () => {
  it(`/bin/sh -c "exit 3" is FailureExitCode with exit code 3`, async () => {
    const t = await run({ id: "exit3", commandLine: `/bin/sh -c "exit 3"` });
    expect(t.executionInfo).toMatchObject({ exitCode: 3, result: "failure", failureInfo: { category: "UserError", code: "FailureExitCode" } });
  });

  it("a program that is not found, run bare, is CommandProgramNotFound with no exit code", async () => {
    const t = await run({ id: "bare-missing", commandLine: "definitely-not-installed --input data.csv" });
    expect(t.executionInfo).toMatchObject({ result: "failure", failureInfo: { category: "UserError", code: "CommandProgramNotFound" } });
    expect(t.executionInfo?.exitCode).toBeUndefined();
  });

  it("the same program under a shell exits 127 and stderr says not found", async () => {
    const t = await run({ id: "shell-missing", commandLine: `/bin/sh -c "definitely-not-installed --input data.csv"` });
    expect(t.executionInfo).toMatchObject({ exitCode: 127, result: "failure", failureInfo: { code: "FailureExitCode" } });
    expect(await text("io-job", "shell-missing", "stderr.txt")).toBe("/bin/sh: 1: definitely-not-installed: not found\n");
  });

  it("exceeding maxWallClockTime ends the task: TaskEnded, exit -1073741510, after the limit", async () => {
    const t = await run({ id: "too-long", commandLine: `/bin/sh -c "sleep 600"`, constraints: { maxWallClockTime: "PT1M" } }, { stepMs: 5_000 });
    expect(t.executionInfo).toMatchObject({ exitCode: WALL_CLOCK_EXIT_CODE, result: "failure", failureInfo: { category: "ServerError", code: "TaskEnded" } });
    const ranMs = t.executionInfo!.endTime!.getTime() - t.executionInfo!.startTime!.getTime();
    expect(ranMs).toBe(60_000);
  });

  it("retries a non-zero exit up to maxTaskRetryCount, then fails with the last exit code", async () => {
    const t = await run({ id: "retried", commandLine: `/bin/sh -c "exit 2"`, constraints: { maxTaskRetryCount: 2 } });
    expect(t.executionInfo).toMatchObject({ exitCode: 2, retryCount: 2, requeueCount: 0, result: "failure", failureInfo: { code: "FailureExitCode" } });
    expect(t.executionInfo?.lastRetryTime).toBeInstanceOf(Date);
    // Launch failures are not retried.
    const launch = await run({ id: "not-retried", commandLine: "definitely-not-installed", constraints: { maxTaskRetryCount: 3 } });
    expect(launch.executionInfo?.retryCount).toBe(0);
  });

  it("takes maxTaskRetryCount from the job's constraints when the task has none", async () => {
    await addJob(h, "retry-job", "io", { constraints: { maxTaskRetryCount: 1 } });
    await h.client.task.add("retry-job", { id: "r", commandLine: `/bin/sh -c "exit 5"` });
    const t = await taskCompleted(h, "retry-job", "r");
    expect(t.executionInfo).toMatchObject({ exitCode: 5, retryCount: 1 });
  });
});

describe("node actions and node faults", () => {
  /** A one-node pool and a job on it, so every task lands on that node. */
  const single = async (id: string) => {
    const [node] = await readyPool(h, id, 1);
    await addJob(h, `${id}-job`, id);
    return node!.id!;
  };
  const running = (jobId: string, taskId: string) =>
    waitFor(
      h.emu,
      () => h.client.task.get(jobId, taskId),
      (t) => t.state === "running",
    );

  it("rebooting with requeue puts the running task back to active (requeueCount 1), and it runs again", async () => {
    const nodeId = await single("rq");
    await h.client.task.add("rq-job", { id: "long", commandLine: `/bin/sh -c "echo start && sleep 120 && echo end"` });
    const first = await running("rq-job", "long");
    expect(first.nodeInfo?.nodeId).toBe(nodeId);

    await h.client.computeNode.reboot("rq", nodeId, { nodeRebootOption: "requeue" });
    const requeued = await h.client.task.get("rq-job", "long");
    expect(requeued.state).toBe("active");
    expect(requeued.executionInfo).toMatchObject({ requeueCount: 1, retryCount: 0 });
    expect(requeued.executionInfo?.lastRequeueTime).toBeInstanceOf(Date);
    expect((await h.client.computeNode.get("rq", nodeId)).state).toBe("rebooting");

    const again = await running("rq-job", "long");
    expect(again.executionInfo!.startTime!.getTime()).toBeGreaterThan(first.executionInfo!.startTime!.getTime());
    const done = await taskCompleted(h, "rq-job", "long", { stepMs: 5_000 });
    expect(done.executionInfo).toMatchObject({ exitCode: 0, result: "success", requeueCount: 1, retryCount: 0 });
  });

  it("disabling scheduling with terminate ends the running task as TaskEnded and leaves the node offline", async () => {
    const nodeId = await single("term");
    await h.client.task.add("term-job", { id: "victim", commandLine: `/bin/sh -c "sleep 600"` });
    await running("term-job", "victim");
    const res = await h.client.computeNode.disableScheduling("term", nodeId, { nodeDisableSchedulingOption: "terminate" });
    expect(res._response.status).toBe(200);
    const t = await h.client.task.get("term-job", "victim");
    expect(t.state).toBe("completed");
    expect(t.executionInfo).toMatchObject({ result: "failure", failureInfo: { code: "TaskEnded" } });
    expect(await h.client.computeNode.get("term", nodeId)).toMatchObject({ state: "offline", schedulingState: "disabled" });
  });

  it("rebooting with taskcompletion waits for the running task and starts nothing new meanwhile", async () => {
    const nodeId = await single("tc");
    await h.client.task.add("tc-job", { id: "finishing", commandLine: `/bin/sh -c "sleep 60 && echo finished"` });
    await running("tc-job", "finishing");
    await h.client.computeNode.reboot("tc", nodeId, { nodeRebootOption: "taskcompletion" });
    await h.client.task.add("tc-job", { id: "next", commandLine: "true" });
    h.emu.advance(30_000);
    expect((await h.client.computeNode.get("tc", nodeId)).state).toBe("running");
    expect((await h.client.task.get("tc-job", "finishing")).state).toBe("running");
    expect((await h.client.task.get("tc-job", "next")).state).toBe("active");

    const done = await taskCompleted(h, "tc-job", "finishing");
    expect(done.executionInfo).toMatchObject({ exitCode: 0, result: "success", requeueCount: 0 });
    expect((await h.client.computeNode.get("tc", nodeId)).state).toBe("rebooting");
    expect((await h.client.task.get("tc-job", "next")).state).toBe("active");
    const next = await taskCompleted(h, "tc-job", "next", { stepMs: 5_000 });
    expect(next.executionInfo?.result).toBe("success");
  });

  it("a node with an enospc fault fails its tasks with 'No space left on device' in stderr", async () => {
    const nodeId = await single("full");
    const applied = (await h.control("POST", `/pools/full/nodes/${nodeId}/fault`, { fault: "enospc" })) as { fault: string };
    expect(applied.fault).toBe("enospc");
    await h.client.task.add("full-job", { id: "writer", commandLine: `/bin/sh -c "echo writing && sleep 30 && echo written"` });
    const t = await taskCompleted(h, "full-job", "writer");
    expect(t.executionInfo).toMatchObject({ exitCode: 1, result: "failure", failureInfo: { code: "FailureExitCode" } });
    expect(t.nodeInfo?.nodeId).toBe(nodeId);
    expect(await text("full-job", "writer", "stderr.txt")).toContain("No space left on device");
    expect(await text("full-job", "writer", "stdout.txt")).toBe("writing\n");
  });
});
