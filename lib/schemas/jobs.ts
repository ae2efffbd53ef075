import { z } from "zod";

export const taskCounts = z.object({ active: z.number(), running: z.number(), completed: z.number(), succeeded: z.number(), failed: z.number() });

export const jobSummary = z.object({
  id: z.string(),
  displayName: z.string().optional(),
  state: z.string(),
  poolId: z.string().optional(),
  priority: z.number(),
  creationTime: z.string().optional(),
  stateTransitionTime: z.string().optional(),
  endTime: z.string().optional(),
  terminateReason: z.string().optional(),
  taskCounts: taskCounts.optional(),
});
export type JobSummary = z.infer<typeof jobSummary>;

export const jobListResponse = z.object({ asOf: z.string(), jobs: z.array(jobSummary) });
export type JobListResponse = z.infer<typeof jobListResponse>;

export const jobDetailResponse = z.object({
  asOf: z.string(),
  job: jobSummary.extend({
    maxTaskRetryCount: z.number().optional(),
    maxWallClockTime: z.string().optional(),
    onAllTasksComplete: z.string().optional(),
    onTaskFailure: z.string().optional(),
    taskCounts,
    taskSlotCounts: taskCounts,
  }),
});
export type JobDetailResponse = z.infer<typeof jobDetailResponse>;

export const JOB_STATES = ["active", "disabling", "disabled", "enabling", "terminating", "completed", "deleting"] as const;
export const jobListQuery = z.object({
  poolId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, "must be 1–64 letters, digits, hyphens or underscores")
    .optional(),
  state: z.enum(JOB_STATES).optional(),
  counts: z.enum(["true", "false"]).default("true"),
});
export type JobListQuery = z.infer<typeof jobListQuery>;
