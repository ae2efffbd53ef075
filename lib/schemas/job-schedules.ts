import { z } from "zod";
import { jobSummary, taskCounts } from "./jobs";

/** A job schedule as the dashboard shows it: its timing, its job template's pool, and its recent job. */
export const jobScheduleSummary = z.object({
  id: z.string(),
  displayName: z.string().optional(),
  state: z.string(),
  creationTime: z.string().optional(),
  stateTransitionTime: z.string().optional(),
  /** ISO 8601 durations and times as Batch gives them; absent for a run-once schedule. */
  recurrenceInterval: z.string().optional(),
  startWindow: z.string().optional(),
  doNotRunUntil: z.string().optional(),
  doNotRunAfter: z.string().optional(),
  nextRunTime: z.string().optional(),
  endTime: z.string().optional(),
  poolId: z.string().optional(),
  recentJob: z.object({ id: z.string(), taskCounts: taskCounts.optional() }).optional(),
});
export type JobScheduleSummary = z.infer<typeof jobScheduleSummary>;

export const jobScheduleListResponse = z.object({ asOf: z.string(), schedules: z.array(jobScheduleSummary) });
export type JobScheduleListResponse = z.infer<typeof jobScheduleListResponse>;

export const jobScheduleDetailResponse = z.object({
  asOf: z.string(),
  schedule: jobScheduleSummary.extend({
    priority: z.number().optional(),
    maxTaskRetryCount: z.number().optional(),
    onAllTasksComplete: z.string().optional(),
    onTaskFailure: z.string().optional(),
    jobManagerTaskId: z.string().optional(),
  }),
});
export type JobScheduleDetailResponse = z.infer<typeof jobScheduleDetailResponse>;

/** The jobs one schedule created, newest first; task counts for the newest few. */
export const jobScheduleJobsResponse = z.object({ asOf: z.string(), scheduleId: z.string(), jobs: z.array(jobSummary) });
export type JobScheduleJobsResponse = z.infer<typeof jobScheduleJobsResponse>;
