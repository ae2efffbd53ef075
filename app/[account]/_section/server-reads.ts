import "server-only";
import type { z } from "zod";
import type { BatchAccount } from "@/lib/batch/accounts";
import { getJobSchedule } from "@/lib/batch/job-schedules";
import { getJob } from "@/lib/batch/jobs";
import { getNode } from "@/lib/batch/nodes";
import { getPool, listPoolSummaries } from "@/lib/batch/pools";
import { getTask } from "@/lib/batch/tasks";
import { jobKeys, nodeKeys, poolKeys, scheduleKeys, taskKeys } from "@/lib/queries/keys";
import { jobScheduleDetailResponse } from "@/lib/schemas/job-schedules";
import { jobDetailResponse } from "@/lib/schemas/jobs";
import { nodeDetailResponse } from "@/lib/schemas/nodes";
import { poolDetailResponse, poolListResponse } from "@/lib/schemas/pools";
import { taskDetailResponse } from "@/lib/schemas/tasks";

/** One read a page prefetches: the browser's key for it, the API's response schema, and the server read behind the route. */
export interface ServerRead {
  queryKey: readonly unknown[];
  schema: z.ZodType;
  read: () => Promise<unknown>;
}

/**
 * The main resource of each page, read on the server by the functions the API routes call (a page and
 * its route can never disagree about what a pool or a job is), under the keys the browser's queries use.
 */
export const serverReads = {
  pools: (account: BatchAccount): ServerRead => ({ queryKey: poolKeys.list(account.name), schema: poolListResponse, read: () => listPoolSummaries(account) }),
  pool: (account: BatchAccount, poolId: string): ServerRead => ({
    queryKey: poolKeys.detail(account.name, poolId),
    schema: poolDetailResponse,
    read: () => getPool(account, poolId),
  }),
  node: (account: BatchAccount, poolId: string, nodeId: string): ServerRead => ({
    queryKey: nodeKeys.detail(account.name, poolId, nodeId),
    schema: nodeDetailResponse,
    read: () => getNode(account, poolId, nodeId),
  }),
  job: (account: BatchAccount, jobId: string): ServerRead => ({
    queryKey: jobKeys.detail(account.name, jobId),
    schema: jobDetailResponse,
    read: () => getJob(account, jobId),
  }),
  task: (account: BatchAccount, jobId: string, taskId: string): ServerRead => ({
    queryKey: taskKeys.detail(account.name, jobId, taskId),
    schema: taskDetailResponse,
    read: () => getTask(account, jobId, taskId),
  }),
  schedule: (account: BatchAccount, scheduleId: string): ServerRead => ({
    queryKey: scheduleKeys.detail(account.name, scheduleId),
    schema: jobScheduleDetailResponse,
    read: () => getJobSchedule(account, scheduleId),
  }),
};
