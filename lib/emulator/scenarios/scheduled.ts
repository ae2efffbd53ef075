import { iso } from "../clock";
import type { JobRecord, NodeRecord } from "../model/types";
import type { JobScheduleRecord, WireJobSchedule } from "../model/job-schedule-types";
import { UNLIMITED, type SimContext } from "../sim/context";
import { createScheduledJob, replan } from "../sim/job-schedules";
import { completeJob, taskRootDirectory } from "../sim/task-runs";
import { addHistoricTask, pad } from "./builder";
import { FAILURES, historicFields, type FailureSample } from "./failures";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface NightlySpec {
  id: string;
  poolId: string;
  /** The pool's nodes the schedule's tasks ran on. */
  nodes: readonly NodeRecord[];
  /** Nodes whose tasks of the recent run fail after `onsetMs`, and how. */
  bad: ReadonlyMap<NodeRecord, (path: string) => FailureSample>;
  onsetMs: number;
  /** Earlier runs, all completed and successful, one a day. */
  earlierRuns: number;
  /** When the recent (still active) run started. */
  recentStartMs: number;
  tasksPerRun: number;
  displayName: string;
}

/**
 * A daily job schedule with its history: earlier runs `<id>:job-1…` completed cleanly, the recent run
 * `<id>:job-<n>` is active and its tasks fail on the given bad nodes, as a job manager would have added them.
 * Draws nothing from the scenario's random numbers, so what a scenario laid down before stays the same.
 */
export function addNightlySchedule(sim: SimContext, spec: NightlySpec): { schedule: JobScheduleRecord; recent: JobRecord } {
  const created = spec.recentStartMs - spec.earlierRuns * DAY;
  const wire: WireJobSchedule = {
    id: spec.id,
    displayName: spec.displayName,
    eTag: "",
    lastModified: iso(created),
    creationTime: iso(created),
    state: "active",
    stateTransitionTime: iso(created),
    schedule: { startWindow: "PT1H", recurrenceInterval: "P1D" },
    jobSpecification: {
      priority: 50,
      maxParallelTasks: -1,
      allowTaskPreemption: false,
      usesTaskDependencies: false,
      onAllTasksComplete: "noaction",
      onTaskFailure: "noaction",
      constraints: { maxWallClockTime: UNLIMITED, maxTaskRetryCount: 0 },
      displayName: spec.displayName,
      poolInfo: { poolId: spec.poolId },
    },
    executionInfo: {},
  };
  sim.store.touch(wire, created);
  const schedule: JobScheduleRecord = { wire, jobIds: [], generation: 0 };
  sim.store.schedules.add(spec.id, schedule);
  for (let run = 0; run <= spec.earlierRuns; run++) {
    const startMs = created + run * DAY;
    const job = createScheduledJob(sim, schedule, startMs);
    const recent = run === spec.earlierRuns;
    layRun(sim, job, spec, startMs, recent);
    if (!recent) completeJob(sim, job, "AllTasksComplete", startMs + 70 * 60_000);
    schedule.lastDueMs = startMs;
  }
  // From here the live simulation takes over: the next run is due a day after the recent one.
  replan(sim, schedule);
  return { schedule, recent: sim.store.jobs.get(schedule.jobIds.at(-1)!)! };
}

function layRun(sim: SimContext, job: JobRecord, spec: NightlySpec, startMs: number, recent: boolean): void {
  const span = recent ? sim.now() - 60_000 - startMs : 60 * 60_000;
  for (let i = 0; i < spec.tasksPerRun; i++) {
    const node = spec.nodes[i % spec.nodes.length]!;
    const endMs = startMs + 2 * 60_000 + Math.floor(((i + 1) / spec.tasksPerRun) * (span - 2 * 60_000));
    const id = `reindex-${pad(i + 1, 3)}`;
    const failing = recent && endMs > spec.onsetMs ? spec.bad.get(node) : undefined;
    const sample = failing?.(`/mnt/batch/tasks/${taskRootDirectory(job.wire.id, id)}/wd/index.tmp`);
    addHistoricTask(sim, job, {
      id,
      node,
      startMs: endMs - 90_000,
      endMs,
      commandLine: `/bin/bash -c 'reindex --shard ${i + 1} --of ${spec.tasksPerRun}'`,
      ...(sample
        ? historicFields(sample)
        : { exitCode: 0, stdout: { kind: "text", text: `shard ${i + 1}: index rebuilt\n` }, stderr: { kind: "text", text: "" } }),
    });
  }
}

/** How the incident's and demo's bad nodes fail a reindex shard: a full disk, or the OOM killer. */
export const REINDEX_FAILURES = { noSpace: FAILURES.noSpace, oom: () => FAILURES.oomKilled() } as const;
