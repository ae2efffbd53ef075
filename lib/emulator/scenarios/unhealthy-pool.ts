import { iso } from "../clock";
import type { FailureInfo, NodeError, NodeRecord, StartTaskInfo } from "../model/types";
import type { SimContext } from "../sim/context";
import { allocationTimedOut, coreQuotaReached } from "../sim/pool-allocation";
import { addPool, markNode, textFile } from "./builder";

const HOUR = 3_600_000;
const STORE = "https://demostore.blob.core.windows.net";

/**
 * Node error codes are not catalogued by Batch, so these are the emulator's own, and
 * each says so in its details, as makeUnusable's DiskFull does.
 */
export const EMULATOR_NODE_ERRORS = {
  appPackage: (): NodeError => ({
    code: "AppPackageDownloadFailed",
    message: "The application package gpu-toolkit 12.4 could not be downloaded to the node",
    errorDetails: [
      {
        name: "Message",
        value: "GET https://gpuburststore.blob.core.windows.net/app-gpu-toolkit/12.4.zip returned 403 (AuthorizationFailure)",
      },
      { name: "Origin", value: "emulator-defined" },
    ],
  }),
  diskFull: (): NodeError => ({
    code: "DiskFull",
    message: "There is not enough disk space on the node",
    errorDetails: [
      { name: "Message", value: "The OS disk / is full (0 bytes free of 30 GiB)" },
      { name: "Origin", value: "emulator-defined" },
    ],
  }),
};

interface StartFailure {
  exitCode?: number;
  failureInfo: FailureInfo;
  stdout: string;
  stderr: string;
}

const exitFailure = (exitCode: number, stderr: string): StartFailure => ({
  exitCode,
  failureInfo: { category: "UserError", code: "FailureExitCode", message: "The task exited with an exit code representing a failure" },
  stdout: "setting up GPU drivers\n",
  stderr,
});

const START_FAILURES = {
  driver: () => exitFailure(1, "nvidia-smi: NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\n"),
  missingTool: () => exitFailure(127, "/bin/bash: line 1: setup-gpu.sh: command not found\n"),
  blobGone: (): StartFailure => ({
    failureInfo: {
      category: "UserError",
      code: "BlobNotFound",
      message: "The specified blob does not exist.",
      details: [
        { name: "BlobSource", value: `${STORE}/bootstrap/setup-gpu.sh?sv=2022-11-02&sp=r&se=2027-01-01T00%3A00%3A00Z&sig=REDACTED` },
        { name: "FilePath", value: "setup-gpu.sh" },
        { name: "HttpStatusCode", value: "404" },
      ],
    },
    stdout: "",
    stderr: "",
  }),
};

/**
 * A pool that failed to grow: asked for 24 dedicated and 12 spot nodes, it got 10 dedicated before the
 * account's core quota stopped it (AccountCoreQuotaReached) and 4 spot nodes before the resize timed out
 * (AllocationTimedout). Of what it got, nodes failed their start task (two exit codes and a missing
 * resource file), reported node errors, lost contact or were preempted: the pool-health panel's material.
 */
export function addGrowthFailedPool(sim: SimContext, id: string): NodeRecord[] {
  const now = sim.now();
  const startTask = {
    commandLine: "/bin/bash -c 'bash setup-gpu.sh'",
    resourceFiles: [{ httpUrl: `${STORE}/bootstrap/setup-gpu.sh?sv=2022-11-02&sp=r&se=2027-01-01T00%3A00%3A00Z&sig=REDACTED`, filePath: "setup-gpu.sh" }],
    waitForSuccess: true,
    maxTaskRetryCount: 1,
  };
  const { pool, nodes } = addPool(sim, {
    id,
    vmSize: "standard_nc24ads_a100_v4",
    dedicated: 10,
    lowPriority: 4,
    ageMs: 6 * HOUR,
    startTask,
    quotaDedicatedNodes: 10,
    spotCapacity: 4,
  });
  const w = pool.wire;
  w.targetDedicatedNodes = 24;
  w.targetLowPriorityNodes = 12;
  // The quota and capacity above make a later live resize fail the same way.
  w.resizeErrors = [coreQuotaReached(10, 24, 24), allocationTimedOut(w.resizeTimeout)];
  w.allocationStateTransitionTime = iso(now - 5 * HOUR);

  const failAt = now - 4 * HOUR;
  const failures: [number, StartFailure][] = [
    [1, START_FAILURES.driver()],
    [2, START_FAILURES.driver()],
    [3, START_FAILURES.missingTool()],
    [4, START_FAILURES.blobGone()],
  ];
  for (const [i, f] of failures) {
    const node = nodes[i]!;
    const info: StartTaskInfo = {
      state: "completed",
      startTime: iso(failAt),
      endTime: iso(failAt + 30_000),
      ...(f.exitCode !== undefined ? { exitCode: f.exitCode } : {}),
      retryCount: 1,
      lastRetryTime: iso(failAt + 15_000),
      result: "failure",
      failureInfo: f.failureInfo,
    };
    node.wire.startTaskInfo = info;
    node.files.set("startup/stdout.txt", textFile(f.stdout, failAt + 30_000));
    node.files.set("startup/stderr.txt", textFile(f.stderr, failAt + 30_000));
    markNode(sim, node, "starttaskfailed", failAt + 30_000);
  }
  const errored: [number, NodeError][] = [
    [5, EMULATOR_NODE_ERRORS.appPackage()],
    [6, EMULATOR_NODE_ERRORS.appPackage()],
    [7, EMULATOR_NODE_ERRORS.diskFull()],
  ];
  for (const [i, error] of errored) {
    const node = nodes[i]!;
    node.wire.errors = [error];
    node.fault = "unusable";
    markNode(sim, node, "unusable", now - 3 * HOUR);
  }
  markNode(sim, nodes[8]!, "unknown", now - 2 * HOUR);
  // Nodes 10..13 are the spot ones; two of them were taken back.
  markNode(sim, nodes[11]!, "preempted", now - 90 * 60_000);
  markNode(sim, nodes[12]!, "preempted", now - 80 * 60_000);
  return nodes;
}
