/** The dashboard's URL scheme: every view is one of these, so a pasted link opens the same view. */
const seg = encodeURIComponent;

export const paths = {
  account: (account: string) => `/${seg(account)}`,
  pool: (account: string, poolId: string) => `/${seg(account)}/pools/${seg(poolId)}`,
  node: (account: string, poolId: string, nodeId: string) => `/${seg(account)}/pools/${seg(poolId)}/nodes/${seg(nodeId)}`,
  nodeFile: (account: string, poolId: string, nodeId: string, path: string) =>
    `/${seg(account)}/pools/${seg(poolId)}/nodes/${seg(nodeId)}/files/${path.split("/").map(seg).join("/")}`,
  job: (account: string, jobId: string) => `/${seg(account)}/jobs/${seg(jobId)}`,
  task: (account: string, jobId: string, taskId: string) => `/${seg(account)}/jobs/${seg(jobId)}/tasks/${seg(taskId)}`,
  taskFile: (account: string, jobId: string, taskId: string, path: string) =>
    `/${seg(account)}/jobs/${seg(jobId)}/tasks/${seg(taskId)}/files/${path.split("/").map(seg).join("/")}`,
  /** A failed task beside a succeeded one of its job; without `succeeded`, the server picks one. */
  compare: (account: string, jobId: string, failed: string, succeeded?: string) =>
    `/${seg(account)}/jobs/${seg(jobId)}/compare?failed=${seg(failed)}${succeeded ? `&succeeded=${seg(succeeded)}` : ""}`,
  jobSchedule: (account: string, scheduleId: string) => `/${seg(account)}/jobschedules/${seg(scheduleId)}`,
  audit: (account: string) => `/${seg(account)}/audit`,
  auditRecord: (account: string, recordId: string) => `/${seg(account)}/audit/${seg(recordId)}`,
  snapshots: (account: string) => `/${seg(account)}/snapshots`,
  snapshot: (account: string, id: string) => `/${seg(account)}/snapshots/${seg(id)}`,
};

/** The API twin of a view: the same ids under /api/accounts. */
export const api = {
  pools: (account: string) => `/api/accounts/${seg(account)}/pools`,
  pool: (account: string, poolId: string) => `/api/accounts/${seg(account)}/pools/${seg(poolId)}`,
  nodes: (account: string, poolId: string) => `/api/accounts/${seg(account)}/pools/${seg(poolId)}/nodes`,
  node: (account: string, poolId: string, nodeId: string) => `/api/accounts/${seg(account)}/pools/${seg(poolId)}/nodes/${seg(nodeId)}`,
  jobs: (account: string) => `/api/accounts/${seg(account)}/jobs`,
  job: (account: string, jobId: string) => `/api/accounts/${seg(account)}/jobs/${seg(jobId)}`,
  tasks: (account: string, jobId: string) => `/api/accounts/${seg(account)}/jobs/${seg(jobId)}/tasks`,
  task: (account: string, jobId: string, taskId: string) => `/api/accounts/${seg(account)}/jobs/${seg(jobId)}/tasks/${seg(taskId)}`,
  taskFiles: (account: string, jobId: string, taskId: string) => `/api/accounts/${seg(account)}/jobs/${seg(jobId)}/tasks/${seg(taskId)}/files`,
  taskFile: (account: string, jobId: string, taskId: string, path: string) =>
    `/api/accounts/${seg(account)}/jobs/${seg(jobId)}/tasks/${seg(taskId)}/files/${path.split("/").map(seg).join("/")}`,
  nodeFailures: (account: string, poolId: string, nodeId: string) => `/api/accounts/${seg(account)}/pools/${seg(poolId)}/nodes/${seg(nodeId)}/failures`,
  nodeFiles: (account: string, poolId: string, nodeId: string) => `/api/accounts/${seg(account)}/pools/${seg(poolId)}/nodes/${seg(nodeId)}/files`,
  nodeFile: (account: string, poolId: string, nodeId: string, path: string) =>
    `/api/accounts/${seg(account)}/pools/${seg(poolId)}/nodes/${seg(nodeId)}/files/${path.split("/").map(seg).join("/")}`,
  poolHeatmap: (account: string, poolId: string) => `/api/accounts/${seg(account)}/pools/${seg(poolId)}/heatmap`,
  poolFailures: (account: string, poolId: string) => `/api/accounts/${seg(account)}/pools/${seg(poolId)}/failures`,
  poolHeatmapProgress: (account: string, poolId: string) => `/api/accounts/${seg(account)}/pools/${seg(poolId)}/heatmap/progress`,
  jobHeatmapProgress: (account: string, jobId: string) => `/api/accounts/${seg(account)}/jobs/${seg(jobId)}/heatmap/progress`,
  poolHeatmapCell: (account: string, poolId: string) => `/api/accounts/${seg(account)}/pools/${seg(poolId)}/heatmap/cell`,
  jobHeatmapCell: (account: string, jobId: string) => `/api/accounts/${seg(account)}/jobs/${seg(jobId)}/heatmap/cell`,
  jobHeatmap: (account: string, jobId: string) => `/api/accounts/${seg(account)}/jobs/${seg(jobId)}/heatmap`,
  jobCompare: (account: string, jobId: string) => `/api/accounts/${seg(account)}/jobs/${seg(jobId)}/compare`,
  jobFailures: (account: string, jobId: string) => `/api/accounts/${seg(account)}/jobs/${seg(jobId)}/failures`,
  poolSignatures: (account: string, poolId: string) => `/api/accounts/${seg(account)}/pools/${seg(poolId)}/signatures`,
  jobSignatures: (account: string, jobId: string) => `/api/accounts/${seg(account)}/jobs/${seg(jobId)}/signatures`,
  jobSchedules: (account: string) => `/api/accounts/${seg(account)}/jobschedules`,
  jobSchedule: (account: string, scheduleId: string) => `/api/accounts/${seg(account)}/jobschedules/${seg(scheduleId)}`,
  jobScheduleJobs: (account: string, scheduleId: string) => `/api/accounts/${seg(account)}/jobschedules/${seg(scheduleId)}/jobs`,
  me: (account: string) => `/api/accounts/${seg(account)}/me`,
  search: (account: string) => `/api/accounts/${seg(account)}/search`,
  poolActions: (account: string, poolId: string) => `/api/accounts/${seg(account)}/pools/${seg(poolId)}/actions`,
  poolActionPreview: (account: string, poolId: string) => `/api/accounts/${seg(account)}/pools/${seg(poolId)}/actions/preview`,
  poolHealth: (account: string, poolId: string) => `/api/accounts/${seg(account)}/pools/${seg(poolId)}/health`,
  nodeUsers: (account: string, poolId: string, nodeId: string) => `/api/accounts/${seg(account)}/pools/${seg(poolId)}/nodes/${seg(nodeId)}/users`,
  nodeUser: (account: string, poolId: string, nodeId: string, userName: string) =>
    `/api/accounts/${seg(account)}/pools/${seg(poolId)}/nodes/${seg(nodeId)}/users/${seg(userName)}`,
  nodeRdp: (account: string, poolId: string, nodeId: string) => `/api/accounts/${seg(account)}/pools/${seg(poolId)}/nodes/${seg(nodeId)}/rdp`,
  audit: (account: string) => `/api/accounts/${seg(account)}/audit`,
  auditRecord: (account: string, recordId: string) => `/api/accounts/${seg(account)}/audit/${seg(recordId)}`,
  snapshots: (account: string) => `/api/accounts/${seg(account)}/snapshots`,
  snapshot: (account: string, id: string) => `/api/accounts/${seg(account)}/snapshots/${seg(id)}`,
};

/** Appends a query, leaving out empty values, so links stay short and stable. */
export function withQuery(path: string, query: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
