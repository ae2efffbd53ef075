/**
 * Which of the jobs that fail broadly on healthy nodes fail there clearly more than the other jobs do: the
 * job side of the node test (docs/diagnosis.md "The rule", 2). A pool where every job fails a few percent
 * of its tasks everywhere has a background rate, not twenty job problems.
 */
import { ALPHA } from "./diagnose-nodes";
import type { JobSplit } from "./diagnose-words";
import { poissonTail } from "./stats";

/** A job problem fails, on healthy nodes, at least twice what the other jobs' rate there predicts ... */
export const JOB_CONTRAST = 2;

/** What the jobs did on the healthy nodes (outside the named ones), failures or not. */
export interface HealthyTotals {
  /** jobs that completed a task on a healthy node */
  jobsRan: number;
  failures: number;
  completed: number;
}

/** Failures the other jobs' rate on healthy nodes predicts for `job`'s tasks there (Laplace, as for nodes). */
function expectedOf(job: JobSplit, totals: HealthyTotals, excluded: readonly JobSplit[]): number {
  let restF = totals.failures - job.failuresElsewhere;
  let restC = totals.completed - job.completedElsewhere;
  for (const x of excluded)
    if (x !== job) {
      restF -= x.failuresElsewhere;
      restC -= x.completedElsewhere;
    }
  return job.completedElsewhere * ((Math.max(0, restF) + 1) / (Math.max(0, restC) + 2));
}

/**
 * The broad jobs that stand out: failures on healthy nodes at least JOB_CONTRAST × and improbably above
 * (Poisson tail, Bonferroni over the jobs: p × jobs < ALPHA) what the other jobs' rate there predicts.
 * Twice round, so a second bad job is measured against a background without the first. With no other
 * job to compare with (a job's own page, a pool of one job) the broad jobs stand as they are.
 */
export function standingOut(broad: readonly JobSplit[], totals: HealthyTotals): JobSplit[] {
  if (totals.jobsRan < 2) return [...broad];
  let found: JobSplit[] = [];
  for (let round = 0; round < 2; round++) {
    const excluded = found;
    found = broad.filter((j) => {
      const expected = expectedOf(j, totals, excluded);
      return j.failuresElsewhere >= JOB_CONTRAST * expected && poissonTail(j.failuresElsewhere, expected) * totals.jobsRan < ALPHA;
    });
  }
  return found;
}
