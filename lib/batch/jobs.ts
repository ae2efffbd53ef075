import "server-only";
import type { BatchServiceModels } from "@azure/batch";
import type { JobDetailResponse, JobListQuery, JobListResponse, JobSummary } from "@/lib/schemas/jobs";
import { JOB_STATES, ON_ALL_TASKS_COMPLETE, ON_TASK_FAILURE, wireEnum, wireInteger } from "@/lib/schemas/wire-values";
import type { BatchAccount } from "./accounts";
import { mapLimit } from "./map-limit";
import { listAll } from "./paging";
import { cachedRead } from "./read";
import { jobKeys } from "./read-keys";
import { compact, iso } from "./to-api";

const JOB_FIELDS = "id,displayName,state,stateTransitionTime,creationTime,priority,poolInfo,executionInfo";
/** Task counts are one call per job; a handful at a time keeps a large account's list quick and polite. */
const COUNT_CONCURRENCY = 4;

type TaskCountsView = JobDetailResponse["job"]["taskCounts"];

export function jobFilter(q: Pick<JobListQuery, "poolId" | "state">): string | undefined {
  const parts: string[] = [];
  if (q.poolId) parts.push(`executionInfo/poolId eq '${q.poolId}'`);
  if (q.state) parts.push(`state eq '${q.state}'`);
  return parts.length > 0 ? parts.join(" and ") : undefined;
}

export function listJobs(account: BatchAccount, q: JobListQuery): Promise<JobListResponse> {
  return cachedRead(account, jobKeys.list(q.poolId, q.state, q.counts), async ({ client }) => {
    const filter = jobFilter(q);
    const { items } = await listAll(
      () => client.job.list({ jobListOptions: { select: JOB_FIELDS, ...(filter ? { filter } : {}) } }),
      (link) => client.job.listNext(link),
    );
    const jobs = items.map(toJobSummary);
    if (q.counts === "true") {
      await mapLimit(jobs, COUNT_CONCURRENCY, async (job) => {
        // A job deleted between the list and this call simply has no counts.
        const counts = await client.job.getTaskCounts(job.id).catch((e: { statusCode?: number }) => (e.statusCode === 404 ? undefined : Promise.reject(e)));
        if (counts) job.taskCounts = taskCounts(counts.taskCounts);
      });
    }
    return { jobs };
  });
}

export function toJobSummary(j: BatchServiceModels.CloudJob): JobSummary {
  return compact({
    id: j.id ?? "",
    displayName: j.displayName,
    state: wireEnum(j.state, JOB_STATES) ?? "active",
    poolId: j.poolInfo?.poolId ?? j.executionInfo?.poolId,
    priority: wireInteger(j.priority) ?? 0,
    creationTime: iso(j.creationTime),
    stateTransitionTime: iso(j.stateTransitionTime),
    endTime: iso(j.executionInfo?.endTime),
    terminateReason: j.executionInfo?.terminateReason,
  });
}

export function getJob(account: BatchAccount, jobId: string): Promise<Omit<JobDetailResponse, "asOf">> {
  return cachedRead(account, jobKeys.detail(jobId), async ({ client }) => {
    const [job, counts] = await Promise.all([client.job.get(jobId), client.job.getTaskCounts(jobId)]);
    return {
      job: compact({
        ...toJobSummary(job),
        maxTaskRetryCount: wireInteger(job.constraints?.maxTaskRetryCount),
        maxWallClockTime: job.constraints?.maxWallClockTime,
        onAllTasksComplete: wireEnum(job.onAllTasksComplete, ON_ALL_TASKS_COMPLETE),
        onTaskFailure: wireEnum(job.onTaskFailure, ON_TASK_FAILURE),
        taskCounts: taskCounts(counts.taskCounts),
        taskSlotCounts: taskCounts(counts.taskSlotCounts),
      }),
    };
  });
}

/** The five counts as numbers: a count Batch sent as a string still adds up, a missing one is 0. */
function taskCounts(c: Partial<Record<keyof TaskCountsView, unknown>> | undefined): TaskCountsView {
  return {
    active: wireInteger(c?.active) ?? 0,
    running: wireInteger(c?.running) ?? 0,
    completed: wireInteger(c?.completed) ?? 0,
    succeeded: wireInteger(c?.succeeded) ?? 0,
    failed: wireInteger(c?.failed) ?? 0,
  };
}
