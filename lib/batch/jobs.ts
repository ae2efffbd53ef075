import "server-only";
import type { BatchServiceModels } from "@azure/batch";
import type { JobDetailResponse, JobListQuery, JobListResponse, JobSummary } from "@/lib/schemas/jobs";
import type { BatchAccount } from "./accounts";
import { mapLimit } from "./map-limit";
import { listAll } from "./paging";
import { cachedRead } from "./read";
import { compact, iso } from "./views";

const JOB_FIELDS = "id,displayName,state,stateTransitionTime,creationTime,priority,poolInfo,executionInfo";
/** Task counts are one call per job; a handful at a time keeps a large account's list quick and polite. */
const COUNT_CONCURRENCY = 4;

export function jobFilter(q: Pick<JobListQuery, "poolId" | "state">): string | undefined {
  const parts: string[] = [];
  if (q.poolId) parts.push(`executionInfo/poolId eq '${q.poolId}'`);
  if (q.state) parts.push(`state eq '${q.state}'`);
  return parts.length > 0 ? parts.join(" and ") : undefined;
}

export function listJobs(account: BatchAccount, q: JobListQuery): Promise<JobListResponse> {
  return cachedRead(account, `jobs|${q.poolId ?? ""}|${q.state ?? ""}|${q.counts}`, async ({ client }) => {
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
        if (counts) job.taskCounts = { ...counts.taskCounts };
      });
    }
    return { jobs };
  });
}

export function toJobSummary(j: BatchServiceModels.CloudJob): JobSummary {
  return compact({
    id: j.id ?? "",
    displayName: j.displayName,
    state: j.state ?? "active",
    poolId: j.poolInfo?.poolId ?? j.executionInfo?.poolId,
    priority: j.priority ?? 0,
    creationTime: iso(j.creationTime),
    stateTransitionTime: iso(j.stateTransitionTime),
    endTime: iso(j.executionInfo?.endTime),
    terminateReason: j.executionInfo?.terminateReason,
  });
}

export function getJob(account: BatchAccount, jobId: string): Promise<Omit<JobDetailResponse, "asOf">> {
  return cachedRead(account, `job|${jobId}`, async ({ client }) => {
    const [job, counts] = await Promise.all([client.job.get(jobId), client.job.getTaskCounts(jobId)]);
    return {
      job: compact({
        ...toJobSummary(job),
        maxTaskRetryCount: job.constraints?.maxTaskRetryCount,
        maxWallClockTime: job.constraints?.maxWallClockTime,
        onAllTasksComplete: job.onAllTasksComplete,
        onTaskFailure: job.onTaskFailure,
        taskCounts: { ...counts.taskCounts },
        taskSlotCounts: { ...counts.taskSlotCounts },
      }),
    };
  });
}
