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
import { jobLife, uncovered, union, type JobStore, type StoredJob } from "./completed-store";
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
  /** Completed: no task is added or runs again, so its completed tasks can be kept (completed-store.ts). */
  completed?: boolean;
}

const lifeOf = (j: BatchServiceModels.CloudJob) => {
  const created = wireDate(j.creationTime)?.getTime();
  const ended = wireDate(j.executionInfo?.endTime)?.getTime();
  const completed = String(j.state ?? "").toLowerCase() === "completed" && ended !== undefined;
  return { ...(created !== undefined ? { created } : {}), ...(ended !== undefined ? { ended } : {}), ...(completed ? { completed } : {}) };
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
      const life = lifeOf(j);
      const { created, ended } = life;
      // A job that ended before the window or began after it cannot have tasks that ended inside it.
      if ((ended !== undefined && ended < window.from) || (created !== undefined && created >= window.to)) continue;
      jobs.push({ id: j.id ?? "", ...life });
    }
  }
  return jobs;
}

/**
 * Every task of the scope that completed in the window, with only the fields needed ($select) and only
 * the tasks needed ($filter on state and end time): a pool heatmap never reads a task that ended outside
 * its window, and never reads command lines or resource files. A job read whole is read in time slices,
 * each a chain of pages, and every chain of every job shares one queue as wide as the account's read
 * slots, so the read time falls with the slots rather than growing with the biggest job. A completed
 * job's tasks come from the store as far as it has them (`store`, completed-store.ts), and what is read
 * of it is added there.
 */
export async function completedTasksInWindow(
  { client }: AccountClient,
  scope: Scope,
  window: TimeWindow,
  progress?: LoadProgress,
  memory?: ScopeMemory,
  store?: JobStore,
): Promise<ScopeTasks> {
  const jobs = await scopeJobs(client, scope, window);
  if (progress) progress.jobsTotal = jobs.length;
  const plans = await planJobs(client, jobs, window, progress, memory, store);
  const reader = pageReader(client, progress);
  // One piece of work per piece of a job read from Batch, one per job refreshed from memory.
  const work = plans.flatMap((plan) => (plan.known ? (plan.refresh ? [{ plan, piece: -1 }] : []) : plan.pieces.map((_, piece) => ({ plan, piece }))));
  const left = new Map(plans.map((p) => [p.job.id, 0]));
  for (const w of work) left.set(w.plan.job.id, left.get(w.plan.job.id)! + 1);
  const parts = new Map(plans.map((p) => [p.job.id, [] as CompletedTask[][]]));
  // The job is done: its tasks in piece order (Batch's list order within each), kept for the next refresh.
  const finish = async (plan: JobPlan) => {
    const tasks = plan.known ? plan.known.tasks : await settle(plan, parts.get(plan.job.id)!.flat(), window, store);
    if (plan.known && !plan.refresh) for (const [id, t] of tasks) if (t.endTime < window.from) tasks.delete(id);
    memory?.jobs.set(plan.job.id, { tasks, syncedAt: window.to, from: plan.known?.from ?? window.from });
    parts.set(plan.job.id, [[...tasks.values()]]);
    if (progress) progress.jobsRead++;
  };
  await Promise.all(plans.filter((p) => left.get(p.job.id) === 0).map(finish));
  await mapLimit(work, READS_PER_ACCOUNT, async ({ plan, piece }) => {
    if (plan.known) await refreshJob(reader, plan.job.id, plan.known.tasks, plan.known.syncedAt, window);
    else {
      const got: CompletedTask[] = [];
      parts.get(plan.job.id)![piece] = got;
      await reader.read(plan.job.id, { filter: completedFilter(plan.pieces[piece]!), select: SCOPE_TASK_FIELDS }, (t) => got.push(toCompleted(t, plan.job.id)));
    }
    const rest = left.get(plan.job.id)! - 1;
    left.set(plan.job.id, rest);
    if (rest === 0) await finish(plan);
  });
  if (memory) {
    for (const id of [...memory.jobs.keys()]) if (!jobs.some((j) => j.id === id)) memory.jobs.delete(id);
    memory.complete = true;
  }
  const poolId = scope.kind === "pool" ? scope.poolId : jobs[0]?.poolId;
  return { tasks: [...parts.values()].flat(2), ...(poolId ? { poolId } : {}), jobsRead: jobs.length, pagesRead: reader.pagesRead() };
}

type MemoryEntry = NonNullable<ReturnType<ScopeMemory["jobs"]["get"]>>;

/** How one job of a read is had: refreshed from memory, or read from Batch in pieces less what the store has. */
interface JobPlan {
  job: ScopeJob;
  known?: MemoryEntry;
  stored?: StoredJob;
  /** Spans of end time to read from Batch: the job's slices of the window, less what the store has. */
  pieces: TimeWindow[];
  /** Whether the memory's copy is refreshed: not once the job completed before its last sync. */
  refresh: boolean;
}

async function planJobs(
  client: AccountClient["client"],
  jobs: ScopeJob[],
  window: TimeWindow,
  progress?: LoadProgress,
  memory?: ScopeMemory,
  store?: JobStore,
): Promise<JobPlan[]> {
  const plans = await Promise.all(
    jobs.map(async (job): Promise<JobPlan> => {
      const entry = memory?.jobs.get(job.id);
      if (entry && entry.from <= window.from)
        return { job, known: entry, pieces: [], refresh: !(job.completed && entry.syncedAt - SYNC_MARGIN_MS >= jobLife(job).to) };
      if (!job.completed) return { job, pieces: [window], refresh: false };
      const stored = store ? await store.load(job) : undefined;
      const life = jobLife(job);
      const span = { from: Math.max(window.from, life.from), to: Math.min(window.to, life.to) };
      const pieces = span.from < span.to ? uncovered(span, stored?.covered ?? []) : [];
      return { job, ...(stored ? { stored } : {}), pieces, refresh: false };
    }),
  );
  const fresh = plans.filter((p) => !p.known && p.pieces.length > 0);
  const slices = await planSlices(
    client,
    fresh.map((p) => p.job),
    window,
    progress,
  );
  for (const p of fresh)
    p.pieces = slices
      .get(p.job.id)!
      .flatMap((s) => p.pieces.map((m) => ({ from: Math.max(s.from, m.from), to: Math.min(s.to, m.to) })).filter((x) => x.from < x.to));
  return plans;
}

/**
 * A job read from Batch (and the store): its tasks in the window. A completed job's store entry gains what
 * was read, so no later read (after a restart, in another window) asks Batch for those spans again.
 */
async function settle(plan: JobPlan, read: CompletedTask[], window: TimeWindow, store?: JobStore): Promise<Map<string, CompletedTask>> {
  const kept = plan.stored?.tasks ?? [];
  if (store && plan.job.completed && plan.pieces.length > 0)
    await store.save(plan.job, { covered: union([...(plan.stored?.covered ?? []), ...plan.pieces]), tasks: [...kept, ...read] });
  const inWindow = kept.filter((t) => t.endTime >= window.from && t.endTime < window.to);
  return new Map([...inWindow, ...read].map((t) => [t.id, t]));
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
