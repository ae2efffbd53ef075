import "server-only";
import type { BatchServiceModels } from "@azure/batch";
import { classifyTask } from "@/lib/failures/classify-task";
import type { TimeWindow } from "@/lib/heatmap/window";
import { idKey } from "@/lib/schemas/ids";
import { TASK_STATES, wireDate, wireEnum, wireInteger } from "@/lib/schemas/wire-values";
import type { AccountClient } from "./client";
import { mapLimit } from "./map-limit";
import { listAll } from "./paging";
import type { LoadProgress } from "./progress";

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
/** Jobs paged at once: each job's pages are a chain, so parallelism comes from jobs. */
const JOB_CONCURRENCY = 4;

/** One scope whatever the case its id was typed in: `Pool1` and `pool1` share one read and one memory. */
export const scopeKey = (s: Scope) => (s.kind === "pool" ? `pool:${idKey(s.poolId)}` : `job:${idKey(s.jobId)}`);

const endTimeOf = (t: BatchServiceModels.CloudTask) => wireDate(t.executionInfo?.endTime)?.getTime();

/** A job of a scope, with its pool when the scope is a job (the heatmap's rows are that pool's nodes). */
export interface ScopeJob {
  id: string;
  poolId?: string;
}

/** The jobs whose tasks can have ended in the window: the job itself, or the pool's jobs that overlap it. */
export async function scopeJobs(client: AccountClient["client"], scope: Scope, window: TimeWindow): Promise<ScopeJob[]> {
  const jobs: ScopeJob[] = [];
  if (scope.kind === "job") {
    const job = await client.job.get(scope.jobId, { jobGetOptions: { select: SCOPE_JOB_FIELDS } });
    // An auto-pool job names its pool only in executionInfo (docs/real-service.md).
    const poolId = job.poolInfo?.poolId ?? job.executionInfo?.poolId;
    jobs.push({ id: job.id ?? scope.jobId, ...(poolId ? { poolId } : {}) });
  } else {
    const { items } = await listAll(
      () => client.job.list({ jobListOptions: { select: SCOPE_JOB_FIELDS, filter: `executionInfo/poolId eq '${scope.poolId}'` } }),
      (link) => client.job.listNext(link),
    );
    for (const j of items) {
      const ended = wireDate(j.executionInfo?.endTime)?.getTime();
      const created = wireDate(j.creationTime)?.getTime();
      // A job that ended before the window or began after it cannot have tasks that ended inside it.
      if ((ended !== undefined && ended < window.from) || (created !== undefined && created >= window.to)) continue;
      jobs.push({ id: j.id ?? "" });
    }
  }
  return jobs;
}

/**
 * Every task of the scope that completed in the window, with only the fields needed ($select) and only
 * the tasks needed ($filter on state and end time): a pool heatmap never reads a task that ended outside
 * its window, and never reads command lines or resource files.
 */
export async function completedTasksInWindow(
  { client }: AccountClient,
  scope: Scope,
  window: TimeWindow,
  progress?: LoadProgress,
  memory?: ScopeMemory,
): Promise<ScopeTasks> {
  const jobs = await scopeJobs(client, scope, window);
  const filter = `state eq 'completed' and executionInfo/endTime ge DateTime'${new Date(window.from).toISOString()}' and executionInfo/endTime lt DateTime'${new Date(window.to).toISOString()}'`;
  let pagesRead = 0;
  const known = (id: string) => {
    const entry = memory?.jobs.get(id);
    return entry && entry.from <= window.from ? entry : undefined;
  };
  if (progress) {
    progress.jobsTotal = jobs.length;
    // An upper bound for the progress line: every completed task of the job, a thousand a page. It runs
    // beside the reads (and never fails them), so it costs no time; a refresh from memory needs none.
    const fresh = jobs.filter((j) => !known(j.id));
    if (fresh.length > 0)
      void estimatePages(client, fresh).then(
        (n) => (progress.pagesEstimate = n),
        () => undefined,
      );
  }
  const readPages = async (jobId: string, options: { filter: string; select: string }, each: (t: BatchServiceModels.CloudTask) => void) => {
    let page = await client.task.list(jobId, { taskListOptions: { ...options, maxResults: 1000 } });
    for (;;) {
      pagesRead++;
      if (progress) progress.pagesRead = pagesRead;
      for (const t of page) each(t);
      if (!page.odatanextLink) return;
      page = await client.task.listNext(page.odatanextLink);
    }
  };
  const perJob = await mapLimit(jobs, JOB_CONCURRENCY, async (job) => {
    const entry = known(job.id);
    let tasks: Map<string, CompletedTask>;
    if (entry) {
      tasks = entry.tasks;
      const since = new Date(entry.syncedAt - SYNC_MARGIN_MS).toISOString();
      // Every task that changed since: newly completed ones join, reactivated or deleted-and-re-added ones
      // leave or are replaced.
      await readPages(job.id, { filter: `stateTransitionTime ge DateTime'${since}'`, select: `${SCOPE_TASK_FIELDS},stateTransitionTime` }, (t) => {
        const end = endTimeOf(t);
        if (wireEnum(t.state, TASK_STATES) === "completed" && end !== undefined && end >= window.from && end < window.to)
          tasks.set(t.id ?? "", toCompleted(t, job.id));
        else tasks.delete(t.id ?? "");
      });
      for (const [id, t] of tasks) if (t.endTime < window.from) tasks.delete(id);
    } else {
      tasks = new Map();
      await readPages(job.id, { filter, select: SCOPE_TASK_FIELDS }, (t) => tasks.set(t.id ?? "", toCompleted(t, job.id)));
    }
    memory?.jobs.set(job.id, { tasks, syncedAt: window.to, from: entry?.from ?? window.from });
    if (progress) progress.jobsRead++;
    return [...tasks.values()];
  });
  if (memory) {
    for (const id of [...memory.jobs.keys()]) if (!jobs.some((j) => j.id === id)) memory.jobs.delete(id);
    memory.complete = true;
  }
  const poolId = scope.kind === "pool" ? scope.poolId : jobs[0]?.poolId;
  return { tasks: perJob.flat(), ...(poolId ? { poolId } : {}), jobsRead: jobs.length, pagesRead };
}

async function estimatePages(client: AccountClient["client"], jobs: { id: string }[]): Promise<number> {
  const pages = await mapLimit(jobs, JOB_CONCURRENCY, async (job) => {
    const counts = await client.job.getTaskCounts(job.id).catch(() => undefined);
    return Math.max(1, Math.ceil((wireInteger(counts?.taskCounts.completed) ?? 0) / 1000));
  });
  return pages.reduce((a, b) => a + b, 0);
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
