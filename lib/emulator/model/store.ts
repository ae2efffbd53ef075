import { iso } from "../clock";
import { OrderedCollection } from "./ordered";
import type { JobRecord, PoolRecord, TaskRecord } from "./types";
import type { JobScheduleRecord } from "./job-schedule-types";

type Counts = JobRecord["counts"];

/** The in-memory account: pools with their nodes, jobs with their tasks, job schedules. */
export class BatchStore {
  readonly pools = new OrderedCollection<PoolRecord>();
  readonly jobs = new OrderedCollection<JobRecord>();
  readonly schedules = new OrderedCollection<JobScheduleRecord>();
  private etag = 0x8d000000000000n;
  /** Told after every change of a job's task counts (the lagging taskcounts snapshot listens). */
  onCountsChange: (job: JobRecord) => void = () => {};

  constructor(readonly accountName: string) {}

  /** Marks an entity changed, as Batch does with eTag and lastModified. */
  touch(wire: { eTag: string; lastModified: string }, nowMs: number): void {
    this.etag += 1n;
    wire.eTag = `0x${this.etag.toString(16).toUpperCase()}`;
    wire.lastModified = iso(nowMs);
  }

  newJob(wire: JobRecord["wire"]): JobRecord {
    const zero = (): Counts => ({ active: 0, running: 0, completed: 0, succeeded: 0, failed: 0 });
    const job: JobRecord = { wire, tasks: new OrderedCollection(), queue: new Map(), counts: zero(), slotCounts: zero() };
    this.jobs.add(wire.id, job);
    return job;
  }

  /** Adds a task and counts it; the only way tasks enter a job, so counts stay exact. */
  addTask(job: JobRecord, task: TaskRecord): void {
    job.tasks.add(task.wire.id, task);
    countTask(job, task, 1);
    if (task.wire.state === "active") job.queue.set(task.wire.id.toLowerCase(), task);
    this.onCountsChange(job);
  }

  removeTask(job: JobRecord, task: TaskRecord): void {
    if (!job.tasks.delete(task.wire.id)) return;
    countTask(job, task, -1);
    job.queue.delete(task.wire.id.toLowerCase());
    this.onCountsChange(job);
  }

  /**
   * Every change of a task's state or result goes through here: counts and the scheduler's queue are kept
   * in step, and the previous state and transition times are recorded as Batch does.
   */
  updateTask(job: JobRecord, task: TaskRecord, nowMs: number, change: (wire: TaskRecord["wire"]) => void): void {
    countTask(job, task, -1);
    const before = task.wire.state;
    change(task.wire);
    const w = task.wire;
    if (w.state !== before) {
      w.previousState = before;
      w.previousStateTransitionTime = w.stateTransitionTime;
      w.stateTransitionTime = iso(nowMs);
    }
    countTask(job, task, 1);
    this.onCountsChange(job);
    const key = w.id.toLowerCase();
    if (w.state === "active") job.queue.set(key, task);
    else job.queue.delete(key);
    this.touch(w, nowMs);
  }
}

function countTask(job: JobRecord, task: TaskRecord, sign: 1 | -1): void {
  const w = task.wire;
  const slots = w.requiredSlots * sign;
  const bump = (key: keyof Counts) => {
    job.counts[key] += sign;
    job.slotCounts[key] += slots;
  };
  if (w.state === "active") bump("active");
  else if (w.state === "running" || w.state === "preparing") bump("running");
  else {
    bump("completed");
    if (w.executionInfo.result === "failure") bump("failed");
    else bump("succeeded");
  }
}
