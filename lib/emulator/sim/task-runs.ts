import { iso } from "../clock";
import { interpretCommandLine, type OutputEvent } from "../command/interpret";
import type { FileContent } from "../files/content";
import type { FailureInfo, JobRecord, NodeRecord, TaskRecord, WireTask } from "../model/types";
import { parseDuration, type SimContext } from "./context";
import { poolOs, settleNode } from "./node-lifecycle";
import { applyNodeFault, diskFull } from "./run-faults";

/** The exit code Batch reports when maxWallClockTime ends a task (0xC000013A as a signed 32-bit int). */
export const WALL_CLOCK_EXIT_CODE = -1073741510;
const KILLED_EXIT_CODE = 137;

interface RunResult {
  exitCode?: number;
  failureInfo?: FailureInfo;
}

/**
 * A task's directory under the node root. The work item of a plain job is the job, and its one run is
 * job-1; a job schedule's run `<scheduleId>:job-<n>` is taken to be run n of the schedule's work item (inferred
 * from the id form, not from a recording).
 */
export function taskRootDirectory(jobId: string, taskId: string): string {
  const scheduled = /^(.+):(job-\d+)$/.exec(jobId);
  return scheduled ? `workitems/${scheduled[1]}/${scheduled[2]}/${taskId}` : `workitems/${jobId}/job-1/${taskId}`;
}

/** Starts one run of a task on a node: downloads, launch, and the event that ends it. */
export function startRun(ctx: SimContext, job: JobRecord, task: TaskRecord, node: NodeRecord): void {
  const now = ctx.now();
  const run = ++task.run;
  const w = task.wire;
  task.node = node;
  task.files = new Map();
  task.filesGone = undefined;
  node.running.add(task);
  node.wire.runningTasksCount = node.running.size;
  node.wire.runningTaskSlotsCount += w.requiredSlots;
  node.wire.totalTasksRun++;
  if (node.taskHistory.at(-1) !== task) node.taskHistory.push(task);
  if (node.taskHistory.length > 200) node.taskHistory.shift();
  settleNode(ctx, node);

  ctx.store.updateTask(job, task, now, (t) => {
    t.state = "running";
    t.executionInfo.startTime = iso(now);
    delete t.executionInfo.endTime;
    delete t.executionInfo.exitCode;
    delete t.executionInfo.failureInfo;
    delete t.executionInfo.result;
    t.nodeInfo = {
      affinityId: node.wire.affinityId,
      poolId: node.poolId,
      nodeId: node.wire.id,
      taskRootDirectory: taskRootDirectory(job.wire.id, t.id),
    };
  });

  const finishAt = (delay: number, result: RunResult) => ctx.queue.at(now + delay, () => finishRun(ctx, job, task, run, result));

  let downloadMs = 0;
  for (const file of w.resourceFiles ?? []) {
    downloadMs += ctx.timings.resourceDownload;
    const check = ctx.storage.checkResourceFile(file, now);
    if (!check.ok) return finishAt(downloadMs, { failureInfo: check.failure });
    if (node.fault === "diskfull") return finishAt(downloadMs, { failureInfo: diskFull(node) });
  }

  const outcome = interpretCommandLine(w.commandLine, nodeOs(ctx, node));
  if (outcome.kind === "launchFailed") {
    return finishAt(downloadMs + 200, {
      failureInfo: { category: "UserError", code: outcome.code, message: outcome.message, details: outcome.details },
    });
  }
  const { events, durationMs, exitCode } = applyNodeFault(node, outcome.events, outcome.durationMs, outcome.exitCode, w.id);
  const startMs = now + downloadMs;
  task.files.set("stdout.txt", { content: eventsFile(events, "stdout", startMs), creationMs: now, lastModifiedMs: startMs + durationMs });
  task.files.set("stderr.txt", { content: eventsFile(events, "stderr", startMs), creationMs: now, lastModifiedMs: startMs + durationMs });

  const limit = parseDuration(w.constraints.maxWallClockTime);
  if (limit !== undefined && downloadMs + durationMs > limit) {
    return finishAt(limit, {
      exitCode: WALL_CLOCK_EXIT_CODE,
      failureInfo: {
        category: "ServerError",
        code: "TaskEnded",
        message: "The task exceeded its maximum wall clock time and was terminated.",
        details: [{ name: "MaxWallClockTime", value: w.constraints.maxWallClockTime }],
      },
    });
  }
  finishAt(downloadMs + durationMs, { exitCode });
}

function eventsFile(events: readonly OutputEvent[], stream: "stdout" | "stderr", startMs: number): FileContent {
  return { kind: "events", events: events.filter((e) => e.stream === stream), stream, startMs };
}

function nodeOs(ctx: SimContext, node: NodeRecord): "linux" | "windows" {
  const pool = ctx.store.pools.get(node.poolId);
  return pool ? poolOs(pool) : "linux";
}

/** Ends a run; a result for a run that was requeued or terminated meanwhile is ignored. */
export function finishRun(ctx: SimContext, job: JobRecord, task: TaskRecord, run: number, result: RunResult): void {
  if (task.run !== run || task.wire.state !== "running") return;
  const now = ctx.now();
  const w = task.wire;
  const node = releaseNode(task);

  const failedExit = result.exitCode !== undefined && result.exitCode !== 0 && !result.failureInfo;
  const maxRetries = w.constraints.maxTaskRetryCount;
  if (failedExit && (maxRetries === -1 || w.executionInfo.retryCount < maxRetries)) {
    // Only non-zero exits are retried; the task goes back to the queue and keeps its last output until it reruns.
    ctx.store.updateTask(job, task, now, (t) => {
      t.state = "active";
      t.executionInfo.retryCount++;
      t.executionInfo.lastRetryTime = iso(now);
      t.executionInfo.exitCode = result.exitCode;
    });
  } else {
    let failureInfo = result.failureInfo;
    if (failedExit) {
      failureInfo = {
        category: "UserError",
        code: "FailureExitCode",
        message: "The task exited with an exit code representing a failure",
        details: [
          { name: "Message", value: `The task process exited with an unexpected exit code` },
          { name: "AdditionalErrorCode", value: "FailureExitCode" },
        ],
      };
    }
    const uploadFailure = result.exitCode !== undefined ? uploadOutputs(ctx, task, !failureInfo, now) : undefined;
    failureInfo ??= uploadFailure;
    ctx.store.updateTask(job, task, now, (t) => {
      t.state = "completed";
      t.executionInfo.endTime = iso(now);
      if (result.exitCode !== undefined) t.executionInfo.exitCode = result.exitCode;
      if (failureInfo) t.executionInfo.failureInfo = failureInfo;
      t.executionInfo.result = failureInfo ? "failure" : "success";
    });
    if (node && !failureInfo) node.wire.totalTasksSucceeded++;
    maybeCompleteJob(ctx, job);
  }
  if (node) settleNode(ctx, node);
  ctx.kick();
}

function releaseNode(task: TaskRecord): NodeRecord | undefined {
  const node = task.node;
  if (node && node.running.delete(task)) {
    node.wire.runningTasksCount = node.running.size;
    node.wire.runningTaskSlotsCount = Math.max(0, node.wire.runningTaskSlotsCount - task.wire.requiredSlots);
  }
  return node;
}

/** Uploads output files whose condition matches; a refused upload is the task's failure when it had none. */
function uploadOutputs(ctx: SimContext, task: TaskRecord, succeeded: boolean, now: number): FailureInfo | undefined {
  const outputs = (task.wire.outputFiles ?? []).filter((o) => {
    const c = o.uploadOptions.uploadCondition.toLowerCase();
    return c === "taskcompletion" || (c === "tasksuccess") === succeeded;
  });
  if (outputs.length === 0) return undefined;
  const log: string[] = [];
  let failure: FailureInfo | undefined;
  for (const o of outputs) {
    const url = o.destination.container?.containerUrl ?? "";
    const check = ctx.storage.checkOutputUpload(url, now);
    if (check.ok) {
      log.push(`${iso(now)} INFO  Uploaded ${o.filePattern} to ${redactSas(url)}`);
    } else {
      failure ??= check.failure;
      task.files.set("fileuploaderr.txt", { content: { kind: "text", text: check.uploadErrorLog }, creationMs: now, lastModifiedMs: now });
    }
  }
  task.files.set("fileuploadout.txt", {
    content: { kind: "text", text: log.join("\n") + (log.length ? "\n" : "") },
    creationMs: now,
    lastModifiedMs: now,
  });
  return failure;
}

const redactSas = (url: string) => url.replace(/([?&]sig=)[^&]*/i, "$1REDACTED");

/** Takes a running task off its node and puts it back in the queue (node reboot, removal, disable). */
export function requeueRun(ctx: SimContext, job: JobRecord, task: TaskRecord): void {
  if (task.wire.state !== "running") return;
  const now = ctx.now();
  task.run++;
  releaseNode(task);
  ctx.store.updateTask(job, task, now, (t) => {
    t.state = "active";
    t.executionInfo.requeueCount++;
    t.executionInfo.lastRequeueTime = iso(now);
  });
  ctx.kick();
}

/** Ends a task on request: a running task is killed; an active one completes without running. */
export function terminateTask(ctx: SimContext, job: JobRecord, task: TaskRecord, reason: string): NodeRecord | undefined {
  if (task.wire.state === "completed") return undefined;
  const now = ctx.now();
  const wasRunning = task.wire.state === "running";
  task.run++;
  const node = wasRunning ? releaseNode(task) : undefined;
  ctx.store.updateTask(job, task, now, (t) => {
    t.state = "completed";
    t.executionInfo.endTime = iso(now);
    if (wasRunning) t.executionInfo.exitCode = KILLED_EXIT_CODE;
    t.executionInfo.failureInfo = { category: "UserError", code: "TaskEnded", message: reason };
    t.executionInfo.result = "failure";
  });
  if (node) settleNode(ctx, node);
  maybeCompleteJob(ctx, job);
  ctx.kick();
  return node;
}

function maybeCompleteJob(ctx: SimContext, job: JobRecord): void {
  if (job.wire.onAllTasksComplete !== "terminatejob" || job.wire.state !== "active") return;
  if (job.counts.active === 0 && job.counts.running === 0 && job.tasks.size > 0) {
    completeJob(ctx, job, "AllTasksComplete");
  }
}

/** `now` is given when a scenario lays down history: a job that ended before the emulator started. */
export function completeJob(ctx: SimContext, job: JobRecord, reason: string, now = ctx.now()): void {
  const w = job.wire;
  w.previousState = w.state;
  w.previousStateTransitionTime = w.stateTransitionTime;
  w.state = "completed";
  w.stateTransitionTime = iso(now);
  w.executionInfo.endTime = iso(now);
  w.executionInfo.terminateReason = reason;
  ctx.store.touch(w, now);
}

/** A task added to a job's queue at `atMs`, counted and offered to the scheduler: the one way a live task starts out. */
export function queueTask(
  sim: SimContext,
  job: JobRecord,
  atMs: number,
  spec: Pick<WireTask, "id" | "displayName" | "commandLine" | "resourceFiles" | "outputFiles" | "constraints">,
): TaskRecord {
  const wire: WireTask = {
    ...spec,
    eTag: "",
    lastModified: iso(atMs),
    creationTime: iso(atMs),
    state: "active",
    stateTransitionTime: iso(atMs),
    requiredSlots: 1,
    executionInfo: { retryCount: 0, requeueCount: 0 },
  };
  sim.store.touch(wire, atMs);
  const task: TaskRecord = { wire, jobId: job.wire.id, files: new Map(), run: 0 };
  sim.store.addTask(job, task);
  sim.kick();
  return task;
}
