import "server-only";
import { idKey } from "@/lib/schemas/ids";

/**
 * A key of the shared read cache (read.ts). Only the factories below make one, so two reads of the same
 * thing always meet under one key, and an action can name exactly the reads it changed. Ids go through
 * idKey: Batch ids are case-insensitive, and TVMPS_1 and tvmps_1 are one node.
 */
export type ReadKey = string & { readonly __readKey: unique symbol };

const key = (...parts: (string | number | boolean)[]) => parts.map(String).join("|") as ReadKey;

/** Whose files: a task's (under its job) or a node's (under its pool). */
export type FileOwner = { kind: "task"; jobId: string; taskId: string } | { kind: "node"; poolId: string; nodeId: string };

const owner = (o: FileOwner) => (o.kind === "task" ? key("task", idKey(o.jobId), idKey(o.taskId)) : key("node", idKey(o.poolId), idKey(o.nodeId)));

export const poolKeys = {
  list: () => key("pools"),
  detail: (poolId: string) => key("pool", idKey(poolId)),
  /** The nodes of the pool list (nodes.ts). */
  nodes: (poolId: string) => key("nodes", idKey(poolId)),
  /** Every node detail of the pool: a prefix for invalidation. */
  nodeDetails: (poolId: string) => key("node", idKey(poolId), ""),
  node: (poolId: string, nodeId: string) => key("node", idKey(poolId), idKey(nodeId)),
  /** The nodes' states under a pool heatmap. */
  nodeStates: (poolId: string) => key("nodestates", idKey(poolId)),
  /** The nodes as the action preview reads them. */
  actionNodes: (poolId: string) => key("actionnodes", idKey(poolId)),
};

export const jobKeys = {
  list: (poolId: string | undefined, state: string | undefined, counts: unknown) => key("jobs", idKey(poolId ?? ""), state ?? "", String(counts)),
  detail: (jobId: string) => key("job", idKey(jobId)),
  tasks: (jobId: string, query: object) => key("tasks", idKey(jobId), JSON.stringify(query)),
  task: (jobId: string, taskId: string) => key("task", idKey(jobId), idKey(taskId)),
};

export const jobScheduleKeys = {
  list: () => key("jobschedules"),
  detail: (scheduleId: string) => key("jobschedule", scheduleId),
  jobs: (scheduleId: string) => key("jobschedule-jobs", scheduleId),
};

export const fileKeys = {
  /** The owner alone, for what is kept per owner outside the cache (line indexes). */
  owner,
  list: (o: FileOwner, recursive: boolean) => key("files", owner(o), recursive),
  properties: (o: FileOwner, path: string) => key("fileprops", owner(o), path),
  range: (o: FileOwner, path: string, ocpRange: string) => key("slice", owner(o), path, ocpRange),
};

/**
 * The last meaningful line of a failed task's stderr, for failure signatures. The end time is part of the
 * key: a completed task's stderr does not change until the task runs again, and a rerun ends at another time.
 */
export const signatureKeys = {
  stderrTail: (jobId: string, taskId: string, endTime: number) => key("stderrtail", idKey(jobId), idKey(taskId), endTime),
};

/** The id search's reads: id lists kept longer than views' reads (ids change slowly), and a job's task-id prefix match. */
export const searchKeys = {
  pools: () => key("search-pools"),
  jobs: () => key("search-jobs"),
  nodes: (poolId: string) => key("search-nodes", idKey(poolId)),
  taskIds: (jobId: string) => key("search-taskids", idKey(jobId)),
  taskPrefix: (jobId: string, prefix: string) => key("search-taskprefix", idKey(jobId), prefix.toLowerCase()),
};

/** One scope's completed tasks over one time span (a live span by its name, a pinned one by its ends). */
export const scopeKeys = {
  tasks: (scope: string, span: string) => key("scope", scope, span),
  /** Only the failed tasks of the same scope and window: the heatmap's first answer (heatmap-first.ts). */
  failedTasks: (scope: string, span: string) => key("scopefailed", scope, span),
  /** The full heatmap answer of a scope, window and bucket count (heatmap-first.ts). */
  heatmap: (scope: string, span: string, buckets: number) => key("scopeheatmap", scope, span, buckets),
};

const MINUTE = 60_000;

/** The grain a pinned window is read at: about a heatmap bucket of its span, so the extra read is a few percent at most. */
export function pinnedGrainMs(spanMs: number): number {
  if (spanMs <= 6 * 60 * MINUTE) return MINUTE;
  if (spanMs <= 48 * 60 * MINUTE) return 10 * MINUTE;
  return 60 * MINUTE;
}

/**
 * The window a pinned (from/to) view is read and cached under: its ends rounded outward to the grain.
 * Links copied a few seconds apart, or by two people from one incident, then share one read and one
 * cache entry instead of one each; the caller keeps only what falls in its exact window.
 */
export function pinnedReadWindow(from: number, to: number): { from: number; to: number } {
  const grain = pinnedGrainMs(to - from);
  return { from: Math.floor(from / grain) * grain, to: Math.ceil(to / grain) * grain };
}

/** Every read an action on a pool's nodes can change: the next read of them must come from Batch. */
export function readsChangedByNodeAction(poolId: string): ReadKey[] {
  return [
    poolKeys.detail(poolId),
    poolKeys.nodes(poolId),
    poolKeys.nodeDetails(poolId),
    poolKeys.nodeStates(poolId),
    poolKeys.actionNodes(poolId),
    poolKeys.list(),
  ];
}
