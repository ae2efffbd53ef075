import { iso } from "../clock";
import type { FileContent } from "../files/content";
import { addPoolRecord } from "../model/new-pool";
import type { FailureInfo, JobRecord, NodeRecord, PoolRecord, StartTask, StoredFile, TaskRecord, WireJob, WireTask } from "../model/types";
import { UNLIMITED, type SimContext } from "../sim/context";
import { setNodeState } from "../sim/node-lifecycle";
import { createNodeRecord } from "../sim/pool-allocation";
import { queueTask, taskRootDirectory } from "../sim/task-runs";

/**
 * Lays down a scenario's history directly (completed tasks with past timestamps), so that even the scale
 * scenario starts in seconds; everything after start-up goes through the live simulation.
 */
export interface PoolSpec {
  id: string;
  displayName?: string;
  vmSize?: string;
  dedicated: number;
  lowPriority?: number;
  slots?: number;
  startTask?: StartTask;
  cloudService?: boolean;
  windows?: boolean;
  ageMs: number;
  quotaDedicatedNodes?: number;
  spotCapacity?: number;
}

const LINUX_IMAGE = { publisher: "canonical", offer: "0001-com-ubuntu-server-jammy", sku: "22_04-lts", version: "latest" };

export function addPool(sim: SimContext, spec: PoolSpec): { pool: PoolRecord; nodes: NodeRecord[] } {
  const now = sim.now();
  const pool = addPoolRecord(
    sim.store,
    {
      id: spec.id,
      ...(spec.displayName ? { displayName: spec.displayName } : {}),
      vmSize: spec.vmSize ?? "standard_d4s_v5",
      ...(spec.cloudService
        ? { cloudServiceConfiguration: { osFamily: "6", osVersion: "*" } }
        : {
            virtualMachineConfiguration: spec.windows
              ? {
                  imageReference: {
                    publisher: "microsoftwindowsserver",
                    offer: "windowsserver",
                    sku: "2022-datacenter",
                    version: "latest",
                  },
                  nodeAgentSKUId: "batch.node.windows amd64",
                }
              : { imageReference: LINUX_IMAGE, nodeAgentSKUId: "batch.node.ubuntu 22.04" },
          }),
      resizeTimeout: "PT15M",
      targetDedicatedNodes: spec.dedicated,
      targetLowPriorityNodes: spec.lowPriority ?? 0,
      ...(spec.startTask ? { startTask: spec.startTask } : {}),
      taskSlotsPerNode: spec.slots ?? 1,
      nodeFillType: "spread",
      ...(spec.quotaDedicatedNodes !== undefined ? { quotaDedicatedNodes: spec.quotaDedicatedNodes } : {}),
    },
    now - spec.ageMs,
  );
  if (spec.spotCapacity !== undefined) pool.spotCapacity = spec.spotCapacity;
  // The initial allocation finished a few minutes after creation.
  pool.wire.allocationStateTransitionTime = iso(now - spec.ageMs + 5 * 60_000);
  const nodes: NodeRecord[] = [];
  const allocatedMs = now - spec.ageMs + 2 * 60_000;
  for (let i = 0; i < spec.dedicated + (spec.lowPriority ?? 0); i++) {
    const node = createNodeRecord(pool, i < spec.dedicated, allocatedMs);
    const booted = iso(allocatedMs + 3 * 60_000);
    node.wire.lastBootTime = booted;
    node.wire.state = "idle";
    node.wire.stateTransitionTime = booted;
    if (spec.startTask) {
      node.wire.startTaskInfo = {
        state: "completed",
        startTime: booted,
        endTime: iso(allocatedMs + 4 * 60_000),
        exitCode: 0,
        retryCount: 0,
        result: "success",
      };
      node.files.set(
        "startup/stdout.txt",
        textFile("Reading package lists...\nSetting up worker runtime 3.2.1 ...\nstart task complete\n", allocatedMs + 4 * 60_000),
      );
      node.files.set("startup/stderr.txt", textFile("", allocatedMs + 4 * 60_000));
    }
    nodes.push(node);
  }
  return { pool, nodes };
}

export function textFile(text: string, atMs: number): StoredFile {
  return { content: { kind: "text", text }, creationMs: atMs, lastModifiedMs: atMs };
}

export function addJob(
  sim: SimContext,
  spec: { id: string; poolId: string; ageMs: number; priority?: number; displayName?: string; maxTaskRetryCount?: number },
): JobRecord {
  const created = iso(sim.now() - spec.ageMs);
  const wire: WireJob = {
    id: spec.id,
    ...(spec.displayName ? { displayName: spec.displayName } : {}),
    usesTaskDependencies: false,
    eTag: "",
    lastModified: created,
    creationTime: created,
    state: "active",
    stateTransitionTime: created,
    priority: spec.priority ?? 0,
    maxParallelTasks: -1,
    allowTaskPreemption: false,
    ...(spec.maxTaskRetryCount !== undefined ? { constraints: { maxTaskRetryCount: spec.maxTaskRetryCount } } : {}),
    poolInfo: { poolId: spec.poolId },
    onAllTasksComplete: "noaction",
    onTaskFailure: "noaction",
    executionInfo: { startTime: created, poolId: spec.poolId },
  };
  sim.store.touch(wire, sim.now() - spec.ageMs);
  return sim.store.newJob(wire);
}

export interface HistoricTask {
  id: string;
  node: NodeRecord;
  startMs: number;
  endMs: number;
  commandLine: string;
  exitCode?: number;
  failureInfo?: FailureInfo;
  stdout?: FileContent;
  stderr?: FileContent;
  extraFiles?: Record<string, string>;
  retryCount?: number;
  requeueCount?: number;
  constraints?: WireTask["constraints"];
  resourceFiles?: WireTask["resourceFiles"];
  outputFiles?: WireTask["outputFiles"];
}

const DEFAULT_CONSTRAINTS: WireTask["constraints"] = Object.freeze({
  maxWallClockTime: UNLIMITED,
  retentionTime: "P7D",
  maxTaskRetryCount: 0,
});

/** A task that already ran: completed, with its files on the node it ran on. */
export function addHistoricTask(sim: SimContext, job: JobRecord, t: HistoricTask): TaskRecord {
  const failed = t.failureInfo !== undefined || (t.exitCode !== undefined && t.exitCode !== 0);
  const failureInfo: FailureInfo | undefined =
    t.failureInfo ??
    (failed ? { category: "UserError", code: "FailureExitCode", message: "The task exited with an exit code representing a failure" } : undefined);
  const created = iso(t.startMs - 5_000);
  const end = iso(t.endMs);
  const wire: WireTask = {
    id: t.id,
    eTag: "",
    lastModified: end,
    creationTime: created,
    state: "completed",
    stateTransitionTime: end,
    previousState: "running",
    previousStateTransitionTime: iso(t.startMs),
    commandLine: t.commandLine,
    ...(t.resourceFiles ? { resourceFiles: t.resourceFiles } : {}),
    ...(t.outputFiles ? { outputFiles: t.outputFiles } : {}),
    constraints: t.constraints ?? DEFAULT_CONSTRAINTS,
    requiredSlots: 1,
    executionInfo: {
      startTime: iso(t.startMs),
      endTime: end,
      ...(t.exitCode !== undefined ? { exitCode: t.exitCode } : {}),
      ...(failureInfo ? { failureInfo } : {}),
      retryCount: t.retryCount ?? 0,
      ...(t.retryCount ? { lastRetryTime: iso(t.startMs) } : {}),
      requeueCount: t.requeueCount ?? 0,
      ...(t.requeueCount ? { lastRequeueTime: iso(t.startMs - 60_000) } : {}),
      result: failureInfo ? "failure" : "success",
    },
    nodeInfo: {
      affinityId: t.node.wire.affinityId,
      poolId: t.node.poolId,
      nodeId: t.node.wire.id,
      taskRootDirectory: taskRootDirectory(job.wire.id, t.id),
    },
  };
  sim.store.touch(wire, t.endMs);
  const files = new Map<string, StoredFile>();
  const file = (content: FileContent): StoredFile => ({ content, creationMs: t.startMs, lastModifiedMs: t.endMs });
  if (t.exitCode !== undefined) {
    files.set("stdout.txt", file(t.stdout ?? { kind: "text", text: "" }));
    files.set("stderr.txt", file(t.stderr ?? { kind: "text", text: "" }));
  }
  for (const [name, text] of Object.entries(t.extraFiles ?? {})) files.set(name, file({ kind: "text", text }));
  const task: TaskRecord = { wire, jobId: job.wire.id, files, node: t.node, run: 1 };
  sim.store.addTask(job, task);
  const n = t.node.wire;
  n.totalTasksRun++;
  if (!failureInfo) n.totalTasksSucceeded++;
  t.node.taskHistory.push(task);
  if (t.node.taskHistory.length > 200) t.node.taskHistory.shift();
  return task;
}

/** A queued task; the live scheduler runs it. */
export function addLiveTask(
  sim: SimContext,
  job: JobRecord,
  spec: {
    id: string;
    commandLine: string;
    resourceFiles?: WireTask["resourceFiles"];
    outputFiles?: WireTask["outputFiles"];
    constraints?: Partial<WireTask["constraints"]>;
  },
): TaskRecord {
  return queueTask(sim, job, sim.now(), {
    ...spec,
    constraints: { ...DEFAULT_CONSTRAINTS, maxTaskRetryCount: job.wire.constraints?.maxTaskRetryCount ?? 0, ...spec.constraints },
  });
}

/** Keeps a job busy: a new task every `everyMs` of simulated time while fewer than `maxQueued` wait. */
export function startWorkload(
  sim: SimContext,
  job: JobRecord,
  everyMs: number,
  maxQueued: number,
  make: (n: number) => Parameters<typeof addLiveTask>[2],
): void {
  let n = 0;
  const tick = () => {
    if (job.wire.state !== "active" || !sim.store.jobs.get(job.wire.id)) return;
    if (job.counts.active < maxQueued) addLiveTask(sim, job, make(++n));
    sim.queue.after(everyMs, tick);
  };
  sim.queue.after(0, tick);
}

export function markNode(sim: SimContext, node: NodeRecord, state: NodeRecord["wire"]["state"], sinceMs: number): void {
  setNodeState(sim, node, state);
  node.wire.stateTransitionTime = iso(sinceMs);
}

export const pad = (n: number, width = 4) => String(n).padStart(width, "0");
