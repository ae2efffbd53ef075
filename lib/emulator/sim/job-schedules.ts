import { iso } from "../clock";
import type { JobRecord, WireJob } from "../model/types";
import type { JobScheduleRecord, JobScheduleState, WireJobSchedule } from "../model/job-schedule-types";
import { parseDuration, UNLIMITED, type SimContext } from "./context";
import { completeJob, queueTask, terminateTask } from "./task-runs";

/** While a schedule waits on a job (the previous run still busy, a run-once job not finished), it looks again this often. */
const WATCH_MS = 60_000;
/** Terminating and deleting take a moment, as they do for jobs (handlers/jobs.ts). */
const TERMINATE_MS = 2_000;
const DELETE_MS = 5_000;
/**
 * What a job ended by its schedule's termination says: the recorded service answers "TerminateWorkitem"
 * (job-list-with-schedule-job.json), not the spec's "TerminateJobSchedule"; the recording wins.
 */
export const SCHEDULE_TERMINATE_REASON = "TerminateWorkitem";

interface Times {
  until?: number;
  after?: number;
  window?: number;
  interval?: number;
}

function timesOf(w: WireJobSchedule): Times {
  const s = w.schedule ?? {};
  const t: Times = {};
  if (s.doNotRunUntil) t.until = Date.parse(s.doNotRunUntil);
  if (s.doNotRunAfter) t.after = Date.parse(s.doNotRunAfter);
  const window = parseDuration(s.startWindow);
  const interval = parseDuration(s.recurrenceInterval);
  if (window !== undefined) t.window = window;
  if (interval !== undefined) t.interval = interval;
  return t;
}

/** The jobs a schedule created that still exist, oldest first. */
export function jobsOf(sim: SimContext, rec: JobScheduleRecord): JobRecord[] {
  return rec.jobIds.map((id) => sim.store.jobs.get(id)).filter((j): j is JobRecord => j !== undefined);
}

const finished = (job: JobRecord) => job.wire.state === "completed" || job.wire.state === "deleting";

/** The schedule's job that is not finished: there is at most one at a time. */
function busyJob(sim: SimContext, rec: JobScheduleRecord): JobRecord | undefined {
  const id = rec.jobIds.at(-1);
  const job = id ? sim.store.jobs.get(id) : undefined;
  return job && !finished(job) ? job : undefined;
}

export function setScheduleState(rec: JobScheduleRecord, state: JobScheduleState, nowMs: number): void {
  const w = rec.wire;
  w.previousState = w.state;
  w.previousStateTransitionTime = w.stateTransitionTime;
  w.state = state;
  w.stateTransitionTime = iso(nowMs);
}

/** Adds a schedule to the store and plans its first job (created at once when it is due now). */
export function addJobSchedule(sim: SimContext, wire: WireJobSchedule): JobScheduleRecord {
  const rec: JobScheduleRecord = { wire, jobIds: [], generation: 0 };
  sim.store.schedules.add(wire.id, rec);
  replan(sim, rec);
  return rec;
}

/** Works out when the next job is due after a create, update, patch or enable, and acts on it. */
export function replan(sim: SimContext, rec: JobScheduleRecord): void {
  const t = timesOf(rec.wire);
  if (rec.lastDueMs === undefined) rec.dueMs = t.until ?? Date.parse(rec.wire.creationTime);
  else if (t.interval !== undefined) rec.dueMs = rec.lastDueMs + t.interval;
  else delete rec.dueMs;
  rec.generation++;
  step(sim, rec);
}

/** Stops whatever the schedule had planned (disable, terminate, delete): no next run is shown. */
export function stopPlan(rec: JobScheduleRecord): void {
  rec.generation++;
  delete rec.wire.executionInfo.nextRunTime;
}

/** The next occurrence after `due` whose start window has not already passed, or none after doNotRunAfter. */
function following(due: number, t: Times, now: number): number | undefined {
  if (t.interval === undefined) return undefined;
  const window = t.window ?? t.interval;
  const k = Math.max(1, Math.ceil((now - window - due) / t.interval));
  const next = due + k * t.interval;
  return t.after !== undefined && next > t.after ? undefined : next;
}

/**
 * One look at an active schedule: create the job that is due (unless the previous one is still busy, then
 * wait within the start window; a missed window is skipped), complete the schedule when nothing more will
 * run, show the next run time, and arm the next look. Creating a job does not change the schedule's eTag
 * or lastModified (job-schedule-get.json: the same eTag as the add, after job-1 was created).
 */
function step(sim: SimContext, rec: JobScheduleRecord): void {
  const w = rec.wire;
  if (w.state !== "active") return;
  const now = sim.now();
  const t = timesOf(w);
  if (rec.dueMs !== undefined && t.after !== undefined && rec.dueMs > t.after) delete rec.dueMs;
  let busy = busyJob(sim, rec);
  if (busy) endIfManagerDone(sim, busy);
  busy = busyJob(sim, rec);
  if (rec.dueMs !== undefined && now >= rec.dueMs) {
    const windowEnd = rec.dueMs + (t.window ?? t.interval ?? Infinity);
    const create = !busy && now <= windowEnd;
    if (create) {
      createScheduledJob(sim, rec, now);
      rec.lastDueMs = rec.dueMs;
      busy = busyJob(sim, rec);
    }
    // Created, or the window was missed while the previous job was busy: on to the next occurrence.
    if (create || now > windowEnd) {
      const next = following(rec.dueMs, t, now);
      if (next === undefined) delete rec.dueMs;
      else rec.dueMs = next;
    }
  }
  if (rec.dueMs === undefined && !busy) {
    setScheduleState(rec, "completed", now);
    w.executionInfo.endTime = iso(now);
    delete w.executionInfo.nextRunTime;
    return;
  }
  if (rec.dueMs !== undefined) w.executionInfo.nextRunTime = iso(rec.dueMs);
  else delete w.executionInfo.nextRunTime;
  const wake = busy ? Math.min(now + WATCH_MS, rec.dueMs !== undefined && rec.dueMs > now ? rec.dueMs : Infinity) : rec.dueMs!;
  const generation = rec.generation;
  sim.queue.at(wake, () => {
    if (rec.generation === generation && sim.store.schedules.get(w.id) === rec) step(sim, rec);
  });
}

/** A job manager that finished ends its job unless told not to (killJobOnCompletion, default true). */
function endIfManagerDone(sim: SimContext, job: JobRecord): void {
  const manager = job.wire.jobManagerTask;
  if (!manager?.killJobOnCompletion || job.wire.state !== "active") return;
  if (job.tasks.get(manager.id)?.wire.state === "completed") completeJob(sim, job, "JMComplete");
}

/** The schedule's next job, `<scheduleId>:job-<n>`, made from its jobSpecification as of now. */
export function createScheduledJob(sim: SimContext, rec: JobScheduleRecord, atMs: number): JobRecord {
  const w = rec.wire;
  const spec = w.jobSpecification;
  const id = `${w.id}:job-${rec.jobIds.length + 1}`;
  const created = iso(atMs);
  const wire: WireJob = {
    id,
    ...(spec.displayName ? { displayName: spec.displayName } : {}),
    usesTaskDependencies: spec.usesTaskDependencies,
    eTag: "",
    lastModified: created,
    creationTime: created,
    state: "active",
    stateTransitionTime: created,
    priority: spec.priority,
    maxParallelTasks: spec.maxParallelTasks,
    allowTaskPreemption: spec.allowTaskPreemption,
    constraints: { ...spec.constraints },
    poolInfo: { poolId: spec.poolInfo.poolId },
    onAllTasksComplete: spec.onAllTasksComplete,
    onTaskFailure: spec.onTaskFailure,
    ...(spec.metadata ? { metadata: spec.metadata } : {}),
    ...(spec.jobManagerTask ? { jobManagerTask: { ...spec.jobManagerTask } } : {}),
    executionInfo: { startTime: created, poolId: spec.poolInfo.poolId },
  };
  sim.store.touch(wire, atMs);
  const job = sim.store.newJob(wire);
  rec.jobIds.push(id);
  w.executionInfo.recentJob = { id };
  if (spec.jobManagerTask) addManagerTask(sim, job, atMs);
  return job;
}

/** The job manager runs as the job's first task; what it would add, a scenario adds directly. */
function addManagerTask(sim: SimContext, job: JobRecord, atMs: number): void {
  const m = job.wire.jobManagerTask!;
  queueTask(sim, job, atMs, {
    id: m.id,
    ...(m.displayName ? { displayName: m.displayName } : {}),
    commandLine: m.commandLine,
    constraints: {
      maxWallClockTime: job.wire.constraints?.maxWallClockTime ?? UNLIMITED,
      retentionTime: "P7D",
      maxTaskRetryCount: job.wire.constraints?.maxTaskRetryCount ?? 0,
    },
  });
}

/** Terminate: no more jobs; the running one is terminated, then the schedule is completed. */
export function terminateSchedule(sim: SimContext, rec: JobScheduleRecord): void {
  const now = sim.now();
  stopPlan(rec);
  setScheduleState(rec, "terminating", now);
  sim.store.touch(rec.wire, now);
  sim.queue.after(TERMINATE_MS, () => {
    for (const job of jobsOf(sim, rec)) {
      if (finished(job)) continue;
      for (const task of job.tasks.values()) {
        if (task.wire.state === "running") terminateTask(sim, job, task, "The task was terminated because its job schedule was terminated.");
      }
      // Ending the last running task may already have completed the job (onAllTasksComplete).
      if (!finished(job)) completeJob(sim, job, SCHEDULE_TERMINATE_REASON);
    }
    if (rec.wire.state !== "terminating") return;
    setScheduleState(rec, "completed", sim.now());
    rec.wire.executionInfo.endTime = iso(sim.now());
  });
}

/**
 * Delete: the schedule and every job it created (with their tasks) go. Both are listed as deleting first;
 * the schedule's lastModified does not change (job-schedule-list-deleting-2025.json).
 */
export function deleteSchedule(sim: SimContext, rec: JobScheduleRecord): void {
  const now = sim.now();
  stopPlan(rec);
  setScheduleState(rec, "deleting", now);
  const jobs = jobsOf(sim, rec);
  for (const job of jobs) {
    if (job.wire.state === "deleting") continue;
    job.wire.previousState = job.wire.state;
    job.wire.previousStateTransitionTime = job.wire.stateTransitionTime;
    job.wire.state = "deleting";
    job.wire.stateTransitionTime = iso(now);
  }
  sim.queue.after(DELETE_MS, () => {
    for (const job of jobs) {
      for (const task of job.tasks.values()) if (task.wire.state === "running") terminateTask(sim, job, task, "The job was deleted.");
      sim.store.jobs.delete(job.wire.id);
    }
    sim.store.schedules.delete(rec.wire.id);
  });
}
