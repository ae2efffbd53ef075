import "server-only";
import type { BatchServiceModels } from "@azure/batch";
import { classifyTask } from "@/lib/failures/classify-task";
import type { TimeWindow } from "@/lib/heatmap/window";
import { idKey } from "@/lib/schemas/ids";
import { TASK_STATES, wireDate, wireEnum, wireInteger } from "@/lib/schemas/wire-values";
import { READS_PER_ACCOUNT, type AccountClient } from "./client";
import { mapLimit } from "./map-limit";
import { listAll } from "./paging";
import type { LoadProgress } from "./progress";
import { pagesInWindow, sliceWindow, slicesPerJob, TASKS_PER_PAGE } from "./task-slices";

export type Scope = { kind: "pool"; poolId: string } | { kind: "job"; jobId: string };

/** A completed task reduced to what the heatmap and the failure summary need. */
export interface CompletedTask {
  jobId: string;
  id: string;
  nodeId?: string;
  endTime: number;
  failed: boolean;
  category?: string;
  /** failureInfo.code, for failure signatures (lib/failures/signature.ts). */
  code?: string;
  exitCode?: number;
}

export interface ScopeTasks {
  tasks: CompletedTask[];
  /** The pool whose nodes the rows are (the job's pool for a job scope). */
  poolId?: string;
  jobsRead: number;
  pagesRead: number;
}

const SCOPE_JOB_FIELDS = "id,state,poolInfo,executionInfo,creationTime";
const SCOPE_TASK_FIELDS = "id,state,executionInfo,nodeInfo,constraints";
/** Transitions re-read before the last sync: covers the service clock's one-second Date resolution and latency. */
const SYNC_MARGIN_MS = 60_000;

/**
 * What a live (relative) window already knows, per job: its completed tasks in the window and the service
 * time of the last sync. A refresh then asks Batch only for tasks whose state changed since
 * (stateTransitionTime ge …): a 24 h heatmap over 200,000 tasks costs a page per job, not 200 pages.
 */
export interface ScopeMemory {
  /** Set once a whole read has finished: from then on a read of the window is a refresh, a page or so per job. */
  complete?: boolean;
  jobs: Map<string, { tasks: Map<string, CompletedTask>; syncedAt: number; from: number }>;
}

/** One scope whatever the case its id was typed in: `Pool1` and `pool1` share one read and one memory. */
export const scopeKey = (s: Scope) => (s.kind === "pool" ? `pool:${idKey(s.poolId)}` : `job:${idKey(s.jobId)}`);

const endTimeOf = (t: BatchServiceModels.CloudTask) => wireDate(t.executionInfo?.endTime)?.getTime();

/** A job of a scope, with its pool when the scope is a job (the heatmap's rows are that pool's nodes). */
export interface ScopeJob {
  id: string;
  poolId?: string;
  /** Its creation and end on the service's clock, for planning how its tasks are read (task-slices.ts). */
  created?: number;
  ended?: number;
}

const lifeOf = (j: BatchServiceModels.CloudJob) => {
  const created = wireDate(j.creationTime)?.getTime();
  const ended = wireDate(j.executionInfo?.endTime)?.getTime();
  return { ...(created !== undefined ? { created } : {}), ...(ended !== undefined ? { ended } : {}) };
};

/** The jobs whose tasks can have ended in the window: the job itself, or the pool's jobs that overlap it. */
export async function scopeJobs(client: AccountClient["client"], scope: Scope, window: TimeWindow): Promise<ScopeJob[]> {
  const jobs: ScopeJob[] = [];
  if (scope.kind === "job") {
    const job = await client.job.get(scope.jobId, { jobGetOptions: { select: SCOPE_JOB_FIELDS } });
    // An auto-pool job names its pool only in executionInfo (docs/real-service.md).
    const poolId = job.poolInfo?.poolId ?? job.executionInfo?.poolId;
    jobs.push({ id: job.id ?? scope.jobId, ...(poolId ? { poolId } : {}), ...lifeOf(job) });
  } else {
    const { items } = await listAll(
      () => client.job.list({ jobListOptions: { select: SCOPE_JOB_FIELDS, filter: `executionInfo/poolId eq '${scope.poolId}'` } }),
      (link) => client.job.listNext(link),
    );
    for (const j of items) {
      const { created, ended } = lifeOf(j);
      // A job that ended before the window or began after it cannot have tasks that ended inside it.
      if ((ended !== undefined && ended < window.from) || (created !== undefined && created >= window.to)) continue;
      jobs.push({ id: j.id ?? "", ...lifeOf(j) });
    }
  }
  return jobs;
}

/**
 * Every task of the scope that completed in the window, with only the fields needed ($select) and only
 * the tasks needed ($filter on state and end time): a pool heatmap never reads a task that ended outside
 * its window, and never reads command lines or resource files. A job read whole is read in time slices,
 * each a chain of pages, and every chain of every job shares one queue as wide as the account's read
 * slots, so the read time falls with the slots rather than growing with the biggest job.
 */
export async function completedTasksInWindow(
  { client }: AccountClient,
  scope: Scope,
  window: TimeWindow,
  progress?: LoadProgress,
  memory?: ScopeMemory,
): Promise<ScopeTasks> {
  const jobs = await scopeJobs(client, scope, window);
  const known = (id: string) => {
    const entry = memory?.jobs.get(id);
    return entry && entry.from <= window.from ? entry : undefined;
  };
  if (progress) progress.jobsTotal = jobs.length;
  const slices = await planSlices(
    client,
    jobs.filter((j) => !known(j.id)),
    window,
    progress,
  );
  const reader = pageReader(client, progress);
  // One piece of work per slice of a job read whole, one per job refreshed from memory.
  const parts = new Map(jobs.map((job) => [job.id, [] as CompletedTask[][]]));
  const left = new Map(jobs.map((job) => [job.id, known(job.id) ? 1 : slices.get(job.id)!.length]));
  const work = jobs.flatMap((job) => (known(job.id) ? [{ job, slice: -1 }] : slices.get(job.id)!.map((_, slice) => ({ job, slice }))));
  await mapLimit(work, READS_PER_ACCOUNT, async ({ job, slice }) => {
    const entry = known(job.id);
    if (entry) await refreshJob(reader, job.id, entry.tasks, entry.syncedAt, window);
    else {
      const got: CompletedTask[] = [];
      parts.get(job.id)![slice] = got;
      await reader.read(job.id, { filter: completedFilter(slices.get(job.id)![slice]!), select: SCOPE_TASK_FIELDS }, (t) => got.push(toCompleted(t, job.id)));
    }
    const rest = left.get(job.id)! - 1;
    left.set(job.id, rest);
    if (rest > 0) return;
    // The job is done: its tasks in slice order (Batch's list order within each), kept for the next refresh.
    const tasks =
      entry?.tasks ??
      new Map(
        parts
          .get(job.id)!
          .flat()
          .map((t) => [t.id, t]),
      );
    memory?.jobs.set(job.id, { tasks, syncedAt: window.to, from: entry?.from ?? window.from });
    parts.set(job.id, [[...tasks.values()]]);
    if (progress) progress.jobsRead++;
  });
  if (memory) {
    for (const id of [...memory.jobs.keys()]) if (!jobs.some((j) => j.id === id)) memory.jobs.delete(id);
    memory.complete = true;
  }
  const poolId = scope.kind === "pool" ? scope.poolId : jobs[0]?.poolId;
  return { tasks: [...parts.values()].flat(2), ...(poolId ? { poolId } : {}), jobsRead: jobs.length, pagesRead: reader.pagesRead() };
}

const completedFilter = (w: TimeWindow) =>
  `state eq 'completed' and executionInfo/endTime ge DateTime'${new Date(w.from).toISOString()}' and executionInfo/endTime lt DateTime'${new Date(w.to).toISOString()}'`;

type PageReader = ReturnType<typeof pageReader>;

/** Reads one chain of pages, counting every page for the result and the progress line. */
function pageReader(client: AccountClient["client"], progress?: LoadProgress) {
  let pagesRead = 0;
  return {
    pagesRead: () => pagesRead,
    async read(jobId: string, options: { filter: string; select: string }, each: (t: BatchServiceModels.CloudTask) => void) {
      let page = await client.task.list(jobId, { taskListOptions: { ...options, maxResults: TASKS_PER_PAGE } });
      for (;;) {
        pagesRead++;
        if (progress) progress.pagesRead = pagesRead;
        for (const t of page) each(t);
        if (!page.odatanextLink) return;
        page = await client.task.listNext(page.odatanextLink);
      }
    },
  };
}

/**
 * Every task of the job that changed since the last sync: newly completed ones join, reactivated or
 * deleted-and-re-added ones leave or are replaced, and those now before the window leave.
 */
async function refreshJob(reader: PageReader, jobId: string, tasks: Map<string, CompletedTask>, syncedAt: number, window: TimeWindow) {
  const since = new Date(syncedAt - SYNC_MARGIN_MS).toISOString();
  await reader.read(jobId, { filter: `stateTransitionTime ge DateTime'${since}'`, select: `${SCOPE_TASK_FIELDS},stateTransitionTime` }, (t) => {
    const end = endTimeOf(t);
    if (wireEnum(t.state, TASK_STATES) === "completed" && end !== undefined && end >= window.from && end < window.to)
      tasks.set(t.id ?? "", toCompleted(t, jobId));
    else tasks.delete(t.id ?? "");
  });
  for (const [id, t] of tasks) if (t.endTime < window.from) tasks.delete(id);
}

/**
 * How each job read whole is cut into time slices (task-slices.ts), from its task counts: one call a job,
 * which also gives the progress line its upper bound (every completed task of the job, a thousand a page).
 * A refresh from memory needs neither.
 */
async function planSlices(client: AccountClient["client"], fresh: ScopeJob[], window: TimeWindow, progress?: LoadProgress) {
  const slices = new Map<string, TimeWindow[]>();
  if (fresh.length === 0) return slices;
  const counts = await mapLimit(fresh, READS_PER_ACCOUNT, (job) => completedCount(client, job.id));
  const plan = slicesPerJob(
    fresh.map((j, i) => pagesInWindow({ ...j, completed: counts[i]! }, window)),
    READS_PER_ACCOUNT,
  );
  fresh.forEach((j, i) => slices.set(j.id, sliceWindow(window, plan[i]!)));
  // Still an upper bound: a slice may end one part-page short, so each slice past the first may add a page.
  if (progress) progress.pagesEstimate = counts.reduce((n, c, i) => n + Math.max(1, Math.ceil(c / TASKS_PER_PAGE)) + plan[i]! - 1, 0);
  return slices;
}

/** Batch's count of the job's completed tasks (it may lag; docs/real-service.md), for planning only: 0 if it cannot be had. */
async function completedCount(client: AccountClient["client"], jobId: string): Promise<number> {
  const counts = await client.job.getTaskCounts(jobId).catch(() => undefined);
  return wireInteger(counts?.taskCounts.completed) ?? 0;
}

export function toCompleted(t: BatchServiceModels.CloudTask, jobId: string): CompletedTask {
  const c = classifyTask({ ...t, id: t.id ?? "" });
  const exitCode = wireInteger(t.executionInfo?.exitCode);
  return {
    jobId,
    id: t.id ?? "",
    ...(t.nodeInfo?.nodeId ? { nodeId: t.nodeInfo.nodeId } : {}),
    endTime: endTimeOf(t) ?? 0,
    failed: c.outcome === "failed",
    ...(c.category ? { category: c.category } : {}),
    ...(c.outcome === "failed" && c.code ? { code: c.code } : {}),
    ...(exitCode !== undefined ? { exitCode } : {}),
  };
}
