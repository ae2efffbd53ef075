/**
 * Every query key, from one factory per resource. Keys nest like the API's paths (account → pool → node),
 * so invalidating a prefix reaches everything under it: `poolKeys.detail(a, p)` covers the pool's health,
 * nodes, node files and users; `auditKeys.all(a)` every audit list and record. Filters and time windows
 * are the last part of a key. Components never type a key array: they use these.
 */
export type Scope = { pool: string } | { job: string };
export type Query = Record<string, string | number | undefined>;

export const accountKeys = {
  all: (account: string) => ["accounts", account] as const,
  me: (account: string) => [...accountKeys.all(account), "me"] as const,
  /** The id search: pools, jobs, nodes and tasks whose id holds the query. */
  search: (account: string, q: string) => [...accountKeys.all(account), "search", q] as const,
};

export const poolKeys = {
  list: (account: string) => [...accountKeys.all(account), "pools"] as const,
  detail: (account: string, poolId: string) => [...poolKeys.list(account), poolId] as const,
  health: (account: string, poolId: string) => [...poolKeys.detail(account, poolId), "health"] as const,
  /** Sorted, so the same selection in another order is the same preview. */
  actionPreview: (account: string, poolId: string, nodeIds: readonly string[]) =>
    [...poolKeys.detail(account, poolId), "action-preview", [...nodeIds].sort().join(",")] as const,
};

export const nodeKeys = {
  list: (account: string, poolId: string) => [...poolKeys.detail(account, poolId), "nodes"] as const,
  detail: (account: string, poolId: string, nodeId: string) => [...nodeKeys.list(account, poolId), nodeId] as const,
  files: (account: string, poolId: string, nodeId: string) => [...nodeKeys.detail(account, poolId, nodeId), "files"] as const,
  fileTree: (account: string, poolId: string, nodeId: string) => [...nodeKeys.files(account, poolId, nodeId), "recursive"] as const,
  users: (account: string, poolId: string, nodeId: string) => [...nodeKeys.detail(account, poolId, nodeId), "users"] as const,
  failures: (account: string, poolId: string, nodeId: string, query: Query) => [...nodeKeys.detail(account, poolId, nodeId), "failures", query] as const,
};

export const jobKeys = {
  all: (account: string) => [...accountKeys.all(account), "jobs"] as const,
  list: (account: string, query: Query) => [...jobKeys.all(account), query] as const,
  detail: (account: string, jobId: string) => [...jobKeys.all(account), jobId] as const,
  tasks: (account: string, jobId: string, query: Query) => [...jobKeys.detail(account, jobId), "tasks", query] as const,
  /** Two tasks of the job side by side (the compare view). */
  compare: (account: string, jobId: string, failed: string, succeeded: string) => [...jobKeys.detail(account, jobId), "compare", failed, succeeded] as const,
};

export const taskKeys = {
  detail: (account: string, jobId: string, taskId: string) => [...jobKeys.detail(account, jobId), "tasks", taskId] as const,
  files: (account: string, jobId: string, taskId: string) => [...taskKeys.detail(account, jobId, taskId), "files"] as const,
  fileTree: (account: string, jobId: string, taskId: string) => [...taskKeys.files(account, jobId, taskId), "recursive"] as const,
};

export const scheduleKeys = {
  list: (account: string) => [...accountKeys.all(account), "jobschedules"] as const,
  detail: (account: string, scheduleId: string) => [...scheduleKeys.list(account), scheduleId] as const,
  jobs: (account: string, scheduleId: string) => [...scheduleKeys.detail(account, scheduleId), "jobs"] as const,
};

/** Heatmaps of a pool or a job; `all` is what an action on nodes invalidates. */
export const heatmapKeys = {
  all: (account: string) => [...accountKeys.all(account), "heatmap"] as const,
  grid: (account: string, scope: Scope, query: Query) => [...heatmapKeys.all(account), scope, query] as const,
  progress: (account: string, scope: Scope, query: Query) => [...accountKeys.all(account), "heatmap-progress", scope, query] as const,
  cell: (account: string, scope: Scope, query: Query) => [...accountKeys.all(account), "heatmap-cell", scope, query] as const,
};

/** Failure signatures of a pool or a job over a window. */
export const signatureKeys = {
  list: (account: string, scope: Scope, query: Query) => [...accountKeys.all(account), "signatures", scope, query] as const,
};

export const failureKeys = {
  summary: (account: string, scope: Scope, query: Query) => [...accountKeys.all(account), "failures", scope, query] as const,
};

export const auditKeys = {
  all: (account: string) => [...accountKeys.all(account), "audit"] as const,
  list: (account: string, filters: Record<string, string>) => [...auditKeys.all(account), "list", filters] as const,
  record: (account: string, recordId: string) => [...auditKeys.all(account), "record", recordId] as const,
};

export const snapshotKeys = {
  all: (account: string) => [...accountKeys.all(account), "snapshots"] as const,
  list: (account: string, filters: Record<string, string>) => [...snapshotKeys.all(account), "list", filters] as const,
  one: (account: string, id: string) => [...snapshotKeys.all(account), "one", id] as const,
};

/** File content is keyed by its API URL, which names the account and owner already. */
export const fileKeys = {
  tail: (url: string, bytes: number) => ["file-tail", url, bytes] as const,
};
