import type { NameValue } from "./types";

/** Job schedules and the template of the jobs they create: wire shapes and the simulation's record. */

export interface JobManagerTask {
  id: string;
  displayName?: string;
  commandLine: string;
  killJobOnCompletion: boolean;
}

/** A job schedule's template for the jobs it creates, with the defaults the service fills in (job-schedule-get.json). */
export interface JobSpecification {
  priority: number;
  maxParallelTasks: number;
  allowTaskPreemption: boolean;
  usesTaskDependencies: boolean;
  onAllTasksComplete: "noaction" | "terminatejob";
  onTaskFailure: "noaction" | "performexitoptionsjobaction";
  constraints: { maxWallClockTime: string; maxTaskRetryCount: number };
  displayName?: string;
  jobManagerTask?: JobManagerTask;
  commonEnvironmentSettings?: NameValue[];
  poolInfo: { poolId: string };
  metadata?: NameValue[];
}

export type JobScheduleState = "active" | "completed" | "disabled" | "terminating" | "deleting";

export interface ScheduleTimes {
  doNotRunUntil?: string;
  doNotRunAfter?: string;
  startWindow?: string;
  recurrenceInterval?: string;
}

export interface WireJobSchedule {
  id: string;
  displayName?: string;
  eTag: string;
  lastModified: string;
  creationTime: string;
  state: JobScheduleState;
  stateTransitionTime: string;
  previousState?: JobScheduleState;
  previousStateTransitionTime?: string;
  /** Absent when created with an empty schedule (run once, now), as the service answers. */
  schedule?: ScheduleTimes;
  jobSpecification: JobSpecification;
  executionInfo: { nextRunTime?: string; recentJob?: { id: string }; endTime?: string };
  metadata?: NameValue[];
}

export interface JobScheduleRecord {
  wire: WireJobSchedule;
  /** Ids of the jobs this schedule created, oldest first; the n of `<id>:job-<n>` is their count. */
  jobIds: string[];
  /** When the next job is due (simulated ms); undefined when no further job will be created. */
  dueMs?: number;
  /** When the last job created was due: the next recurrence counts from here, not from when it ran. */
  lastDueMs?: number;
  /** Bumped on every change of schedule or state, so an armed event of an earlier plan is ignored. */
  generation: number;
}
