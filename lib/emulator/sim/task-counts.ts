import type { JobRecord } from "../model/types";
import type { SimContext } from "./context";

/**
 * GET /jobs/{id}/taskcounts answers from a snapshot, not the live numbers: the service documents that these
 * counts "may not be up to date", and a recording shows a new active task still uncounted two minutes later
 * (docs/real-service.md). A change of a job's counts schedules one refresh `timings.taskCountsRefresh` later, so
 * the answer trails task states by at most that much. Counts laid down by a scenario are shown from the start.
 */
export function lagTaskCounts(ctx: SimContext): void {
  for (const job of ctx.store.jobs.values()) takeSnapshot(job);
  ctx.store.onCountsChange = (job) => {
    if (ctx.timings.taskCountsRefresh <= 0) return void takeSnapshot(job);
    if (job.countsRefreshPending) return;
    job.countsRefreshPending = true;
    ctx.queue.after(ctx.timings.taskCountsRefresh, () => {
      job.countsRefreshPending = false;
      takeSnapshot(job);
    });
  };
}

/** The counts GET taskcounts shows now: all zeros until the first refresh after the job's first task. */
export function shownTaskCounts(job: JobRecord): NonNullable<JobRecord["shownCounts"]> {
  const zero = { active: 0, running: 0, completed: 0, succeeded: 0, failed: 0 };
  const shown = job.shownCounts ?? { taskCounts: zero, taskSlotCounts: zero };
  return { taskCounts: { ...shown.taskCounts }, taskSlotCounts: { ...shown.taskSlotCounts } };
}

function takeSnapshot(job: JobRecord): void {
  job.shownCounts = { taskCounts: { ...job.counts }, taskSlotCounts: { ...job.slotCounts } };
}
