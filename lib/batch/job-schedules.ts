import "server-only";
import type { BatchServiceModels } from "@azure/batch";
import type { JobScheduleDetailResponse, JobScheduleJobsResponse, JobScheduleListResponse, JobScheduleSummary } from "@/lib/schemas/job-schedules";
import type { BatchAccount } from "./accounts";
import type { AccountClient } from "./client";
import { toJobSummary } from "./jobs";
import { mapLimit } from "./map-limit";
import { listAll } from "./paging";
import { cachedRead } from "./read";
import { jobScheduleKeys } from "./read-keys";
import { compact, iso } from "./to-api";

const SCHEDULE_FIELDS = "id,displayName,state,stateTransitionTime,creationTime,schedule,jobSpecification,executionInfo";
const JOB_FIELDS = "id,displayName,state,stateTransitionTime,creationTime,priority,poolInfo,executionInfo";
/** Task counts are one call per job; a handful at a time, as for the job list (lib/batch/jobs.ts). */
const COUNT_CONCURRENCY = 4;
/** A schedule keeps its old runs; counts for the newest few are what the page needs. */
const COUNTED_RUNS = 20;

type Counts = NonNullable<JobScheduleSummary["recentJob"]>["taskCounts"];

/** A job deleted (or its schedule's) between two reads simply has no counts. */
async function countsOf(c: AccountClient, jobId: string): Promise<Counts | undefined> {
  const r = await c.client.job.getTaskCounts(jobId).catch((e: { statusCode?: number }) => (e.statusCode === 404 ? undefined : Promise.reject(e)));
  return r ? { ...r.taskCounts } : undefined;
}

export function toScheduleSummary(s: BatchServiceModels.CloudJobSchedule): JobScheduleSummary {
  const recent = s.executionInfo?.recentJob?.id;
  return compact({
    id: s.id ?? "",
    displayName: s.displayName,
    state: s.state ?? "active",
    creationTime: iso(s.creationTime),
    stateTransitionTime: iso(s.stateTransitionTime),
    recurrenceInterval: s.schedule?.recurrenceInterval,
    startWindow: s.schedule?.startWindow,
    doNotRunUntil: iso(s.schedule?.doNotRunUntil),
    doNotRunAfter: iso(s.schedule?.doNotRunAfter),
    nextRunTime: iso(s.executionInfo?.nextRunTime),
    endTime: iso(s.executionInfo?.endTime),
    poolId: s.jobSpecification?.poolInfo?.poolId,
    recentJob: recent ? { id: recent } : undefined,
  });
}

/** Every schedule of the account, each with its recent job's task counts (how many of its tasks failed). */
export function listJobSchedules(account: BatchAccount): Promise<JobScheduleListResponse> {
  return cachedRead(account, jobScheduleKeys.list(), async (c) => {
    const { items } = await listAll(
      () => c.client.jobSchedule.list({ jobScheduleListOptions: { select: SCHEDULE_FIELDS } }),
      (link) => c.client.jobSchedule.listNext(link),
    );
    const schedules = items.map(toScheduleSummary);
    await mapLimit(schedules, COUNT_CONCURRENCY, async (s) => {
      if (!s.recentJob) return;
      const counts = await countsOf(c, s.recentJob.id);
      if (counts) s.recentJob.taskCounts = counts;
    });
    return { schedules };
  });
}

export function getJobSchedule(account: BatchAccount, scheduleId: string): Promise<JobScheduleDetailResponse> {
  return cachedRead(account, jobScheduleKeys.detail(scheduleId), async (c) => {
    const s = await c.client.jobSchedule.get(scheduleId);
    const spec = s.jobSpecification;
    const schedule = compact({
      ...toScheduleSummary(s),
      priority: spec?.priority,
      maxTaskRetryCount: spec?.constraints?.maxTaskRetryCount,
      onAllTasksComplete: spec?.onAllTasksComplete,
      onTaskFailure: spec?.onTaskFailure,
      jobManagerTaskId: spec?.jobManagerTask?.id,
    });
    const recent = schedule.recentJob;
    if (recent) {
      const counts = await countsOf(c, recent.id);
      if (counts) recent.taskCounts = counts;
    }
    return { schedule };
  });
}

/** The schedule's jobs, newest first (a higher run number is a later run), the newest with task counts. */
export function listScheduleJobs(account: BatchAccount, scheduleId: string): Promise<JobScheduleJobsResponse> {
  return cachedRead(account, jobScheduleKeys.jobs(scheduleId), async (c) => {
    const { items } = await listAll(
      () => c.client.job.listFromJobSchedule(scheduleId, { jobListFromJobScheduleOptions: { select: JOB_FIELDS } }),
      (link) => c.client.job.listFromJobScheduleNext(link),
    );
    const jobs = items.map(toJobSummary).sort((a, b) => runOf(b.id) - runOf(a.id) || (b.creationTime ?? "").localeCompare(a.creationTime ?? ""));
    await mapLimit(jobs.slice(0, COUNTED_RUNS), COUNT_CONCURRENCY, async (job) => {
      const counts = await countsOf(c, job.id);
      if (counts) job.taskCounts = counts;
    });
    return { scheduleId, jobs };
  });
}

const runOf = (jobId: string) => Number(/:job-(\d+)$/.exec(jobId)?.[1] ?? 0);
