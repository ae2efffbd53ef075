import "server-only";
import type { TimeWindow } from "@/lib/heatmap/window";
import { READS_PER_ACCOUNT, type AccountClient } from "./client";
import { jobLife, uncovered, type JobStore } from "./completed-store";
import { mapLimit } from "./map-limit";
import { scopeJobs, toCompleted, type CompletedTask, type Scope, type ScopeTasks } from "./scope-tasks";

/** The same fields as the full read, so a failed task is the same CompletedTask whichever read found it. */
const FAILED_TASK_FIELDS = "id,state,executionInfo,nodeInfo,constraints";

/**
 * Only the tasks of the scope that failed in the window ($filter on executionInfo/result): what the
 * heatmap's cells and every row's failure count need, at the cost of the failures rather than of every
 * completed task. Failures are few, so a job is usually one page, and the jobs are read in parallel up to
 * the account's read slots (docs/architecture.md, "Batch access"). Counts per node are exact; the
 * completed totals, and so the rates, are not here. A completed job the store holds over the whole window
 * (completed-store.ts) gives its failures from there, with no call.
 */
export async function failedTasksInWindow({ client }: AccountClient, scope: Scope, window: TimeWindow, store?: JobStore): Promise<ScopeTasks> {
  const jobs = await scopeJobs(client, scope, window);
  const iso = (ms: number) => new Date(ms).toISOString();
  const filter = `state eq 'completed' and executionInfo/result eq 'failure' and executionInfo/endTime ge DateTime'${iso(window.from)}' and executionInfo/endTime lt DateTime'${iso(window.to)}'`;
  let pagesRead = 0;
  const perJob = await mapLimit(jobs, READS_PER_ACCOUNT, async (job) => {
    const stored = job.completed && store ? await store.load(job) : undefined;
    const life = jobLife(job);
    const span = { from: Math.max(window.from, life.from), to: Math.min(window.to, life.to) };
    if (stored && uncovered(span, stored.covered).length === 0)
      return stored.tasks.filter((t) => t.failed && t.endTime >= window.from && t.endTime < window.to);
    const tasks: CompletedTask[] = [];
    let page = await client.task.list(job.id, { taskListOptions: { filter, select: FAILED_TASK_FIELDS, maxResults: 1000 } });
    for (;;) {
      pagesRead++;
      for (const t of page) tasks.push(toCompleted(t, job.id));
      if (!page.odatanextLink) return tasks;
      page = await client.task.listNext(page.odatanextLink);
    }
  });
  const poolId = scope.kind === "pool" ? scope.poolId : jobs[0]?.poolId;
  return { tasks: perJob.flat(), ...(poolId ? { poolId } : {}), jobsRead: jobs.length, pagesRead };
}
