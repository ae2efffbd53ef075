import { iso } from "../clock";
import { interpretCommandLine } from "../command/interpret";
import type { JobRecord, NodeRecord, NodeState, PoolRecord, TaskAction, TaskRecord } from "../model/types";
import { parseDuration, type SimContext } from "./context";
import { requeueRun, terminateTask } from "./task-runs";

export type NodeAction = "reboot" | "reimage" | "remove" | "disable" | "deallocate";

/** Cloud-service pools and Windows images run cmd; everything else a Linux shell. */
export function poolOs(pool: PoolRecord): "linux" | "windows" {
  const sku = pool.wire.virtualMachineConfiguration?.nodeAgentSKUId ?? "";
  return pool.wire.cloudServiceConfiguration || sku.includes("windows") ? "windows" : "linux";
}

export function setNodeState(ctx: SimContext, node: NodeRecord, state: NodeState): void {
  if (node.wire.state === state) return;
  node.wire.state = state;
  node.wire.stateTransitionTime = iso(ctx.now());
}

const SERVING: ReadonlySet<NodeState> = new Set(["idle", "running", "offline"]);

/** After tasks start or stop: running, idle or offline, and any action that was waiting for the tasks. */
export function settleNode(ctx: SimContext, node: NodeRecord): void {
  if (node.removed) return;
  if (SERVING.has(node.wire.state)) {
    if (node.running.size > 0) setNodeState(ctx, node, "running");
    else setNodeState(ctx, node, node.wire.schedulingState === "disabled" ? "offline" : "idle");
  }
  if (node.pending && node.running.size === 0) {
    const { action, option } = node.pending;
    const waitUntil = option === "retaineddata" ? retentionEnd(node) : 0;
    if (waitUntil > ctx.now()) {
      const generation = node.generation;
      ctx.queue.at(waitUntil, () => node.generation === generation && settleNode(ctx, node));
      return;
    }
    node.pending = undefined;
    carryOut(ctx, node, action);
  }
}

/** The latest moment a task's directory on this node must be kept (retaineddata waits for it). */
function retentionEnd(node: NodeRecord): number {
  let latest = 0;
  for (const task of node.taskHistory) {
    const end = task.wire.executionInfo.endTime;
    const keep = parseDuration(task.wire.constraints.retentionTime);
    if (task.node === node && end && keep !== undefined && !task.filesGone) latest = Math.max(latest, Date.parse(end) + keep);
  }
  return latest;
}

/**
 * Creation, reboot and reimage all end in the same boot: starting, the start task, then idle. A start of a
 * deallocated node (2025-06-01) is that boot without the first phase.
 */
export function bootNode(ctx: SimContext, pool: PoolRecord, node: NodeRecord, from: "creating" | "rebooting" | "reimaging" | "deallocated"): void {
  const generation = ++node.generation;
  const alive = () => node.generation === generation && !node.removed;
  if (from === "deallocated") return startUp(ctx, pool, node, generation, alive);
  setNodeState(ctx, node, from);
  const delay = from === "creating" ? ctx.timings.nodeCreate : from === "rebooting" ? ctx.timings.reboot : ctx.timings.reimage;
  ctx.queue.after(delay, () => alive() && startUp(ctx, pool, node, generation, alive));
}

function startUp(ctx: SimContext, pool: PoolRecord, node: NodeRecord, generation: number, alive: () => boolean): void {
  setNodeState(ctx, node, "starting");
  ctx.queue.after(ctx.timings.nodeStart, () => {
    if (!alive()) return;
    node.wire.lastBootTime = iso(ctx.now());
    if (node.fault === "unusable") return makeUnusable(ctx, node);
    const startTask = pool.wire.startTask;
    if (!startTask) return becomeReady(ctx, node);
    runStartTask(ctx, pool, node, generation, 0);
  });
}

function becomeReady(ctx: SimContext, node: NodeRecord): void {
  setNodeState(ctx, node, node.wire.schedulingState === "disabled" ? "offline" : "idle");
  ctx.kick();
}

export function makeUnusable(ctx: SimContext, node: NodeRecord): void {
  node.wire.errors = [
    {
      code: "DiskFull",
      message: "There is not enough disk space on the node",
      errorDetails: [
        { name: "Message", value: "The temporary disk /mnt/batch is full (0 bytes free of 64 GiB)" },
        { name: "Origin", value: "emulator-defined" },
      ],
    },
  ];
  for (const task of [...node.running]) requeueFromNode(ctx, task);
  setNodeState(ctx, node, "unusable");
}

function runStartTask(ctx: SimContext, pool: PoolRecord, node: NodeRecord, generation: number, attempt: number): void {
  const startTask = pool.wire.startTask!;
  const waitForSuccess = startTask.waitForSuccess ?? true;
  const now = ctx.now();
  if (waitForSuccess) setNodeState(ctx, node, "waitingforstarttask");
  else becomeReady(ctx, node);
  const info = (node.wire.startTaskInfo = {
    state: "running" as const,
    startTime: iso(now),
    retryCount: attempt,
    ...(attempt > 0 ? { lastRetryTime: iso(now) } : {}),
  });

  const outcome = interpretCommandLine(startTask.commandLine, poolOs(pool));
  let exitCode: number | undefined;
  let durationMs = 500;
  let events = outcome.kind === "exited" ? outcome.events : [];
  if (outcome.kind === "exited") {
    exitCode = outcome.exitCode;
    durationMs = outcome.durationMs;
  }
  if (node.fault === "starttaskfailed") {
    exitCode = 100;
    events = [
      ...events,
      {
        atMs: durationMs,
        stream: "stderr",
        text: "E: Unable to locate package libcudnn9-cuda-12\nE: Sub-process /usr/bin/dpkg returned an error code (1)\n",
      },
    ];
  }
  const file = (stream: "stdout" | "stderr") => ({
    content: { kind: "events" as const, events: events.filter((e) => e.stream === stream), stream, startMs: now },
    creationMs: now,
    lastModifiedMs: now + durationMs,
  });
  node.files.set("startup/stdout.txt", file("stdout"));
  node.files.set("startup/stderr.txt", file("stderr"));

  ctx.queue.after(durationMs, () => {
    if (node.generation !== generation || node.removed) return;
    const end = iso(ctx.now());
    const failed = outcome.kind === "launchFailed" || exitCode !== 0;
    if (failed && attempt < (startTask.maxTaskRetryCount ?? 0)) return runStartTask(ctx, pool, node, generation, attempt + 1);
    node.wire.startTaskInfo = {
      ...info,
      state: "completed",
      endTime: end,
      ...(exitCode !== undefined ? { exitCode } : {}),
      result: failed ? "failure" : "success",
      ...(failed
        ? {
            failureInfo:
              outcome.kind === "launchFailed"
                ? { category: "UserError" as const, code: outcome.code, message: outcome.message, details: outcome.details }
                : {
                    category: "UserError" as const,
                    code: "FailureExitCode",
                    message: "The task exited with an exit code representing a failure",
                  },
          }
        : {}),
    };
    if (!waitForSuccess) return;
    if (failed) setNodeState(ctx, node, "starttaskfailed");
    else becomeReady(ctx, node);
  });
}

/**
 * Applies the option to the node's running tasks, then carries the action out: at once for requeue and
 * terminate, when the tasks finish for taskcompletion, when their retention ends for retaineddata.
 */
export function act(ctx: SimContext, node: NodeRecord, action: NodeAction, option: TaskAction): void {
  if (option === "requeue") for (const task of [...node.running]) requeueFromNode(ctx, task);
  if (option === "terminate") {
    for (const task of [...node.running]) {
      const job = ctx.store.jobs.get(task.jobId);
      if (job) terminateTask(ctx, job, task, `The task was terminated because its compute node was ${pastTense(action)}.`);
    }
  }
  node.pending = { action, option };
  settleNode(ctx, node);
}

const pastTense = (a: NodeAction) =>
  ({
    reboot: "rebooted",
    reimage: "reimaged",
    remove: "removed from the pool",
    disable: "disabled for scheduling",
    deallocate: "deallocated",
  })[a];

function requeueFromNode(ctx: SimContext, task: TaskRecord): void {
  const job: JobRecord | undefined = ctx.store.jobs.get(task.jobId);
  if (job) requeueRun(ctx, job, task);
}

function carryOut(ctx: SimContext, node: NodeRecord, action: NodeAction): void {
  const pool = ctx.store.pools.get(node.poolId);
  if (!pool) return;
  if (action === "disable") return settleNode(ctx, node);
  if (action === "remove") return leavePool(ctx, pool, node);
  if (action === "deallocate") return deallocate(ctx, node);
  if (action === "reimage") {
    wipeTaskFiles(node, "nodeReimaged");
    node.fault = "none";
    delete node.wire.errors;
    node.files.clear();
    // A reimage reinstalls the OS, so the accounts made on the old disk are gone.
    node.users.clear();
  } else if (node.fault !== "unusable") {
    // A reboot clears a transient unusable state; a broken disk (fault) survives it.
    delete node.wire.errors;
  }
  bootNode(ctx, pool, node, action === "reimage" ? "reimaging" : "rebooting");
}

/** deallocating, then deallocated: the VM is stopped; a start boots it again. */
function deallocate(ctx: SimContext, node: NodeRecord): void {
  const generation = ++node.generation;
  setNodeState(ctx, node, "deallocating");
  ctx.queue.after(ctx.timings.deallocate, () => node.generation === generation && !node.removed && setNodeState(ctx, node, "deallocated"));
}

function wipeTaskFiles(node: NodeRecord, why: "nodeRemoved" | "nodeReimaged"): void {
  for (const task of node.taskHistory) if (task.node === node) task.filesGone = why;
  node.taskHistory = [];
}

/** leavingpool, then gone: the node and every file on it. */
export function leavePool(ctx: SimContext, pool: PoolRecord, node: NodeRecord): void {
  setNodeState(ctx, node, "leavingpool");
  node.generation++;
  ctx.queue.after(ctx.timings.leavePool, () => {
    node.removed = true;
    node.users.clear();
    wipeTaskFiles(node, "nodeRemoved");
    pool.nodes.delete(node.wire.id);
    if (node.wire.isDedicated) pool.wire.currentDedicatedNodes = Math.max(0, pool.wire.currentDedicatedNodes - 1);
    else pool.wire.currentLowPriorityNodes = Math.max(0, pool.wire.currentLowPriorityNodes - 1);
    ctx.store.touch(pool.wire, ctx.now());
  });
}

/** Spot capacity taken back: running tasks go back to the queue; the node stays counted. */
export function preemptNode(ctx: SimContext, node: NodeRecord): void {
  for (const task of [...node.running]) requeueFromNode(ctx, task);
  node.generation++;
  setNodeState(ctx, node, "preempted");
}

/**
 * Marks a node bad (control API and scenarios). Task faults act on the next task; a start-task failure and
 * an unusable node take effect at once, with the files and fields an operator would find.
 */
export function applyFault(ctx: SimContext, pool: PoolRecord, node: NodeRecord, fault: NodeRecord["fault"]): void {
  node.fault = fault;
  if (fault === "unusable") return makeUnusable(ctx, node);
  if (fault !== "starttaskfailed") return;
  for (const task of [...node.running]) requeueFromNode(ctx, task);
  pool.wire.startTask ??= {
    commandLine: "/bin/bash -c 'sudo apt-get install -y libcudnn9-cuda-12'",
    waitForSuccess: true,
    maxTaskRetryCount: 0,
  };
  node.wire.startTask = pool.wire.startTask;
  runStartTask(ctx, pool, node, ++node.generation, 0);
}
