import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import { api, withQuery } from "@/lib/links/paths";
import { fileListResponse } from "@/lib/schemas/files";
import { cellTasksResponse, failureSummaryResponse, heatmapProgress, heatmapResponse } from "@/lib/schemas/failures";
import { jobScheduleDetailResponse, jobScheduleJobsResponse, jobScheduleListResponse } from "@/lib/schemas/job-schedules";
import { jobDetailResponse, jobListResponse } from "@/lib/schemas/jobs";
import { nodeDetailResponse, nodeListResponse } from "@/lib/schemas/nodes";
import { nodeFailuresResponse } from "@/lib/schemas/node-failures";
import { poolHealthResponse } from "@/lib/schemas/health";
import { signaturesResponse } from "@/lib/schemas/signatures";
import { poolDetailResponse, poolListResponse } from "@/lib/schemas/pools";
import { taskDetailResponse, taskPage } from "@/lib/schemas/tasks";
import { searchResponse } from "@/lib/schemas/search";
import { compareResponse } from "@/lib/schemas/compare";
import { apiFetch } from "./api-fetch";
import { accountKeys, failureKeys, heatmapKeys, jobKeys, nodeKeys, poolKeys, scheduleKeys, signatureKeys, taskKeys, type Query, type Scope } from "./keys";

/** A read of one API path, parsed by its schema, cancelled with the query. */
const read =
  <S extends z.ZodType>(path: string, schema: S) =>
  ({ signal }: { signal: AbortSignal }) =>
    apiFetch(path, schema, { signal });

/** A pool-or-job route: the same read exists under both, e.g. the heatmap of a pool and of a job. */
const scoped = (account: string, scope: Scope, pool: typeof api.poolHeatmap, job: typeof api.jobHeatmap, query: Query) =>
  withQuery("pool" in scope ? pool(account, scope.pool) : job(account, scope.job), query);

/**
 * Every read the views make, in one place, keyed by the factories in ./keys so an action can invalidate
 * exactly what it changed. Filters and time windows are part of the key; `placeholderData` keeps the
 * previous result on screen while a new filter loads.
 */
export const batchQueries = {
  pools: (account: string) => queryOptions({ queryKey: poolKeys.list(account), queryFn: read(api.pools(account), poolListResponse) }),
  pool: (account: string, poolId: string) =>
    queryOptions({ queryKey: poolKeys.detail(account, poolId), queryFn: read(api.pool(account, poolId), poolDetailResponse) }),
  poolHealth: (account: string, poolId: string) =>
    queryOptions({ queryKey: poolKeys.health(account, poolId), queryFn: read(api.poolHealth(account, poolId), poolHealthResponse) }),
  nodes: (account: string, poolId: string) =>
    queryOptions({ queryKey: nodeKeys.list(account, poolId), queryFn: read(api.nodes(account, poolId), nodeListResponse) }),
  node: (account: string, poolId: string, nodeId: string) =>
    queryOptions({ queryKey: nodeKeys.detail(account, poolId, nodeId), queryFn: read(api.node(account, poolId, nodeId), nodeDetailResponse) }),
  heatmap: (account: string, scope: Scope, query: Query) =>
    queryOptions({
      queryKey: heatmapKeys.grid(account, scope, query),
      queryFn: read(scoped(account, scope, api.poolHeatmap, api.jobHeatmap, query), heatmapResponse),
      placeholderData: keepPreviousData,
    }),
  /** Polled only while a heatmap loads: how many task pages the server has read, of an estimate. */
  heatmapProgress: (account: string, scope: Scope, query: Query) =>
    queryOptions({
      queryKey: heatmapKeys.progress(account, scope, query),
      queryFn: read(scoped(account, scope, api.poolHeatmapProgress, api.jobHeatmapProgress, query), heatmapProgress),
      refetchInterval: 700,
      staleTime: 0,
    }),
  cellTasks: (account: string, scope: Scope, query: Query) =>
    queryOptions({
      queryKey: heatmapKeys.cell(account, scope, query),
      queryFn: read(scoped(account, scope, api.poolHeatmapCell, api.jobHeatmapCell, query), cellTasksResponse),
    }),
  failures: (account: string, scope: Scope, query: Query) =>
    queryOptions({
      queryKey: failureKeys.summary(account, scope, query),
      queryFn: read(scoped(account, scope, api.poolFailures, api.jobFailures, query), failureSummaryResponse),
      placeholderData: keepPreviousData,
    }),
  /** Failure signatures of the window (docs/architecture.md, "Failure signatures"); `window` is the window query. */
  signatures: (account: string, scope: Scope, window: Query) =>
    queryOptions({
      queryKey: signatureKeys.list(account, scope, window),
      queryFn: read(scoped(account, scope, api.poolSignatures, api.jobSignatures, window), signaturesResponse),
      placeholderData: keepPreviousData,
    }),
  jobs: (account: string, query: Query = {}) =>
    queryOptions({ queryKey: jobKeys.list(account, query), queryFn: read(withQuery(api.jobs(account), query), jobListResponse) }),
  job: (account: string, jobId: string) =>
    queryOptions({ queryKey: jobKeys.detail(account, jobId), queryFn: read(api.job(account, jobId), jobDetailResponse) }),
  jobSchedules: (account: string) => queryOptions({ queryKey: scheduleKeys.list(account), queryFn: read(api.jobSchedules(account), jobScheduleListResponse) }),
  jobSchedule: (account: string, scheduleId: string) =>
    queryOptions({ queryKey: scheduleKeys.detail(account, scheduleId), queryFn: read(api.jobSchedule(account, scheduleId), jobScheduleDetailResponse) }),
  jobScheduleJobs: (account: string, scheduleId: string) =>
    queryOptions({ queryKey: scheduleKeys.jobs(account, scheduleId), queryFn: read(api.jobScheduleJobs(account, scheduleId), jobScheduleJobsResponse) }),
  tasks: (account: string, jobId: string, query: Query) =>
    queryOptions({
      queryKey: jobKeys.tasks(account, jobId, query),
      queryFn: read(withQuery(api.tasks(account, jobId), query), taskPage),
      placeholderData: keepPreviousData,
    }),
  task: (account: string, jobId: string, taskId: string) =>
    queryOptions({ queryKey: taskKeys.detail(account, jobId, taskId), queryFn: read(api.task(account, jobId, taskId), taskDetailResponse) }),
  taskFiles: (account: string, jobId: string, taskId: string) =>
    queryOptions({ queryKey: taskKeys.files(account, jobId, taskId), queryFn: read(api.taskFiles(account, jobId, taskId), fileListResponse) }),
  /** One node's failed tasks in the window, from the pool heatmap's read. */
  nodeFailures: (account: string, poolId: string, nodeId: string, query: Query) =>
    queryOptions({
      queryKey: nodeKeys.failures(account, poolId, nodeId, query),
      queryFn: read(withQuery(api.nodeFailures(account, poolId, nodeId), query), nodeFailuresResponse),
      placeholderData: keepPreviousData,
    }),
  compare: (account: string, jobId: string, failed: string, succeeded: string | undefined) =>
    queryOptions({
      queryKey: jobKeys.compare(account, jobId, failed, succeeded ?? ""),
      queryFn: read(withQuery(api.jobCompare(account, jobId), { failed, succeeded }), compareResponse),
      // Two finished tasks do not change: no refresh while the operator reads them.
      staleTime: Infinity,
    }),
  /** The id search in every page's header; an answer is kept a minute, as the server keeps its id lists. */
  search: (account: string, q: string) =>
    queryOptions({
      queryKey: accountKeys.search(account, q),
      queryFn: read(withQuery(api.search(account), { q }), searchResponse),
      staleTime: 60_000,
      placeholderData: keepPreviousData,
    }),
  nodeFiles: (account: string, poolId: string, nodeId: string) =>
    queryOptions({
      queryKey: nodeKeys.files(account, poolId, nodeId),
      queryFn: read(withQuery(api.nodeFiles(account, poolId, nodeId), { recursive: "true" }), fileListResponse),
    }),
};
