import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { api, withQuery } from "@/lib/links/paths";
import { fileListResponse } from "@/lib/schemas/files";
import { cellTasksResponse, failureSummaryResponse, heatmapProgress, heatmapResponse } from "@/lib/schemas/failures";
import { jobScheduleDetailResponse, jobScheduleJobsResponse, jobScheduleListResponse } from "@/lib/schemas/job-schedules";
import { jobDetailResponse, jobListResponse } from "@/lib/schemas/jobs";
import { nodeDetailResponse, nodeListResponse } from "@/lib/schemas/nodes";
import { poolHealthResponse } from "@/lib/schemas/health";
import { poolDetailResponse, poolListResponse } from "@/lib/schemas/pools";
import { taskDetailResponse, taskPage } from "@/lib/schemas/tasks";
import { apiFetch } from "./api-fetch";

type Query = Record<string, string | number | undefined>;

/**
 * Every read the views make, in one place: the key names the account and the resource, so an action can
 * invalidate exactly what it changed. Filters and windows are part of the key; `placeholderData` keeps the
 * previous result on screen while a new filter loads.
 */
export const batchQueries = {
  account: (account: string) => ["accounts", account] as const,
  pools: (account: string) =>
    queryOptions({ queryKey: ["accounts", account, "pools"], queryFn: ({ signal }) => apiFetch(api.pools(account), poolListResponse, { signal }) }),
  pool: (account: string, poolId: string) =>
    queryOptions({ queryKey: ["accounts", account, "pools", poolId], queryFn: ({ signal }) => apiFetch(api.pool(account, poolId), poolDetailResponse, { signal }) }),
  poolHealth: (account: string, poolId: string) =>
    queryOptions({
      queryKey: ["accounts", account, "pools", poolId, "health"],
      queryFn: ({ signal }) => apiFetch(api.poolHealth(account, poolId), poolHealthResponse, { signal }),
    }),
  nodes: (account: string, poolId: string) =>
    queryOptions({ queryKey: ["accounts", account, "pools", poolId, "nodes"], queryFn: ({ signal }) => apiFetch(api.nodes(account, poolId), nodeListResponse, { signal }) }),
  node: (account: string, poolId: string, nodeId: string) =>
    queryOptions({
      queryKey: ["accounts", account, "pools", poolId, "nodes", nodeId],
      queryFn: ({ signal }) => apiFetch(api.node(account, poolId, nodeId), nodeDetailResponse, { signal }),
    }),
  heatmap: (account: string, scope: { pool: string } | { job: string }, query: Query) =>
    queryOptions({
      queryKey: ["accounts", account, "heatmap", scope, query],
      queryFn: ({ signal }) =>
        apiFetch(withQuery("pool" in scope ? api.poolHeatmap(account, scope.pool) : api.jobHeatmap(account, scope.job), query), heatmapResponse, { signal }),
      placeholderData: keepPreviousData,
    }),
  /** Polled only while a heatmap loads: how many task pages the server has read, of an estimate. */
  heatmapProgress: (account: string, scope: { pool: string } | { job: string }, query: Query) =>
    queryOptions({
      queryKey: ["accounts", account, "heatmap-progress", scope, query],
      queryFn: ({ signal }) =>
        apiFetch(withQuery("pool" in scope ? api.poolHeatmapProgress(account, scope.pool) : api.jobHeatmapProgress(account, scope.job), query), heatmapProgress, { signal }),
      refetchInterval: 700,
      staleTime: 0,
    }),
  cellTasks: (account: string, scope: { pool: string } | { job: string }, query: Query) =>
    queryOptions({
      queryKey: ["accounts", account, "heatmap-cell", scope, query],
      queryFn: ({ signal }) =>
        apiFetch(withQuery("pool" in scope ? api.poolHeatmapCell(account, scope.pool) : api.jobHeatmapCell(account, scope.job), query), cellTasksResponse, { signal }),
    }),
  failures: (account: string, scope: { pool: string } | { job: string }, query: Query) =>
    queryOptions({
      queryKey: ["accounts", account, "failures", scope, query],
      queryFn: ({ signal }) =>
        apiFetch(withQuery("pool" in scope ? api.poolFailures(account, scope.pool) : api.jobFailures(account, scope.job), query), failureSummaryResponse, { signal }),
      placeholderData: keepPreviousData,
    }),
  jobs: (account: string, query: Query = {}) =>
    queryOptions({ queryKey: ["accounts", account, "jobs", query], queryFn: ({ signal }) => apiFetch(withQuery(api.jobs(account), query), jobListResponse, { signal }) }),
  job: (account: string, jobId: string) =>
    queryOptions({ queryKey: ["accounts", account, "jobs", jobId], queryFn: ({ signal }) => apiFetch(api.job(account, jobId), jobDetailResponse, { signal }) }),
  jobSchedules: (account: string) =>
    queryOptions({ queryKey: ["accounts", account, "jobschedules"], queryFn: ({ signal }) => apiFetch(api.jobSchedules(account), jobScheduleListResponse, { signal }) }),
  jobSchedule: (account: string, scheduleId: string) =>
    queryOptions({
      queryKey: ["accounts", account, "jobschedules", scheduleId],
      queryFn: ({ signal }) => apiFetch(api.jobSchedule(account, scheduleId), jobScheduleDetailResponse, { signal }),
    }),
  jobScheduleJobs: (account: string, scheduleId: string) =>
    queryOptions({
      queryKey: ["accounts", account, "jobschedules", scheduleId, "jobs"],
      queryFn: ({ signal }) => apiFetch(api.jobScheduleJobs(account, scheduleId), jobScheduleJobsResponse, { signal }),
    }),
  tasks: (account: string, jobId: string, query: Query) =>
    queryOptions({
      queryKey: ["accounts", account, "jobs", jobId, "tasks", query],
      queryFn: ({ signal }) => apiFetch(withQuery(api.tasks(account, jobId), query), taskPage, { signal }),
      placeholderData: keepPreviousData,
    }),
  task: (account: string, jobId: string, taskId: string) =>
    queryOptions({
      queryKey: ["accounts", account, "jobs", jobId, "tasks", taskId],
      queryFn: ({ signal }) => apiFetch(api.task(account, jobId, taskId), taskDetailResponse, { signal }),
    }),
  taskFiles: (account: string, jobId: string, taskId: string) =>
    queryOptions({
      queryKey: ["accounts", account, "jobs", jobId, "tasks", taskId, "files"],
      queryFn: ({ signal }) => apiFetch(api.taskFiles(account, jobId, taskId), fileListResponse, { signal }),
    }),
  nodeFiles: (account: string, poolId: string, nodeId: string) =>
    queryOptions({
      queryKey: ["accounts", account, "pools", poolId, "nodes", nodeId, "files"],
      queryFn: ({ signal }) => apiFetch(withQuery(api.nodeFiles(account, poolId, nodeId), { recursive: "true" }), fileListResponse, { signal }),
    }),
};
