import "server-only";
import { buildHeatmap, type FailedTaskPoint } from "@/lib/heatmap/build-heatmap";
import type { FailureSummaryResponse, HeatmapProgress, HeatmapResponse } from "@/lib/schemas/failures";
import type { WindowQuery } from "@/lib/schemas/inputs";
import { NODE_STATES, SCHEDULING_STATES, wireEnum } from "@/lib/schemas/wire-values";
import type { BatchAccount } from "./accounts";
import type { AccountClient } from "./client";
import { completedStore } from "./completed-store";
import { listAll } from "./paging";
import { progressOf, withProgress } from "./progress";
import { failedTasksInWindow } from "./failed-tasks";
import { cachedRead, readState } from "./read";
import { pinnedReadWindow, poolKeys, scopeKeys } from "./read-keys";
import { completedTasksInWindow, scopeKey, type CompletedTask, type Scope, type ScopeMemory, type ScopeTasks } from "./scope-tasks";
import { serviceWindow } from "./service-window";
import { processShared } from "./process-shared";

const scopeView = (s: Scope) => ({ kind: s.kind, id: s.kind === "pool" ? s.poolId : s.jobId });
/** What is read for a window: a live one as it is, a pinned one rounded outward so nearby links share it. */
export const readWindow = (w: WindowQuery): WindowQuery => (w.from !== undefined && w.to !== undefined ? pinnedReadWindow(w.from, w.to) : w);
export const windowKey = (w: WindowQuery) => (w.from !== undefined ? `${w.from}-${w.to}` : (w.window ?? "1h"));

export const scopeReadKey = (scope: Scope, w: WindowQuery) => scopeKeys.tasks(scopeKey(scope), windowKey(readWindow(w)));

/**
 * Memories of live (relative) windows, so their refreshes read only what changed; a few per account. One
 * per process: the pool page's first read and the route's refreshes are in different bundles.
 */
const memories = processShared("ScopeMemories", () => new Map<string, ScopeMemory>());
const MAX_MEMORIES = 64;

const memoryKey = (account: BatchAccount, key: string) => `${account.name}|${account.url}|${key}`;

/**
 * Whether a read of this live window would be a refresh of a finished read (a page or so per job): then
 * the full answer costs about what the failures alone cost, and nothing needs to be left pending.
 */
export function refreshesFromMemory(account: BatchAccount, scope: Scope, w: WindowQuery): boolean {
  if (w.from !== undefined && w.to !== undefined) return false;
  return memories.get(memoryKey(account, scopeReadKey(scope, w)))?.complete === true;
}

function memoryFor(key: string): ScopeMemory {
  let m = memories.get(key);
  if (m) memories.delete(key);
  else m = { jobs: new Map() };
  memories.set(key, m);
  if (memories.size > MAX_MEMORIES) memories.delete(memories.keys().next().value as string);
  return m;
}

/**
 * The summary and the heatmap of one scope and window share one read of its tasks. A live window keeps
 * what it read and refreshes from what changed; a pinned window (from/to) is read whole over its rounded
 * read window (shared by nearby links), its result kept longer since the past it shows rarely changes,
 * and cut back here to exactly the window asked for.
 */
export async function scopeTasks(account: BatchAccount, scope: Scope, w: WindowQuery) {
  const key = scopeReadKey(scope, w);
  const pinned = w.from !== undefined && w.to !== undefined;
  const read = await cachedRead(
    account,
    key,
    (c: AccountClient) =>
      withProgress(`${account.name}|${key}`, async (progress) => {
        const window = await serviceWindow(readWindow(w), c);
        return {
          window,
          ...(await completedTasksInWindow(c, scope, window, progress, pinned ? undefined : memoryFor(memoryKey(account, key)), completedStore(account))),
        };
      }),
    pinned ? PINNED_TTL_MS : undefined,
  );
  return cutToWindow(read, w);
}

/** The scope's failed tasks in the window, one cached read shared by the first answers, opened cells and signatures. */
export async function scopeFailures(account: BatchAccount, scope: Scope, w: WindowQuery): Promise<ScopeRead> {
  const key = scopeKeys.failedTasks(scopeKey(scope), windowKey(readWindow(w)));
  const read = await cachedRead(account, key, async (c) => {
    const window = await serviceWindow(readWindow(w), c);
    return { window, ...(await failedTasksInWindow(c, scope, window, completedStore(account))) };
  });
  return cutToWindow(read, w);
}

/**
 * Every completed task, but after the failures (and the pool's node list) when neither read is under way:
 * they share the account's read slots, and the full read's many pages would queue ahead of the few that the
 * heatmap's first answer (and so the page's first paint) waits for (docs/diagnosis.md "Failures first").
 */
export async function tasksAfterFailures(account: BatchAccount, scope: Scope, w: WindowQuery) {
  // A refresh of a live window from memory is a page or so per job: nothing to wait for.
  if (readState(account, scopeReadKey(scope, w)) === undefined && !refreshesFromMemory(account, scope, w))
    await Promise.all([scopeFailures(account, scope, w), scope.kind === "pool" ? poolNodeStates(account, scope.poolId) : undefined]).catch(() => undefined);
  return scopeTasks(account, scope, w);
}

/** A pinned window is read over its rounded read window (shared by nearby links) and cut back to exactly the one asked for. */
export function cutToWindow<T extends { window: { from: number; to: number }; tasks: CompletedTask[] }>(read: T, w: WindowQuery): T {
  if (w.from === undefined || w.to === undefined) return read;
  const window = { from: w.from, to: w.to };
  return { ...read, window, tasks: read.tasks.filter((t) => t.endTime >= window.from && t.endTime < window.to) };
}

/** A pinned window's tasks ended in the past: keep them a minute rather than five seconds. */
export const PINNED_TTL_MS = 60_000;

/** How far the read behind a heatmap or summary has got, while it runs; `loading: false` once done. */
export async function scopeProgress(account: BatchAccount, scope: Scope, w: WindowQuery): Promise<HeatmapProgress> {
  const p = progressOf(`${account.name}|${scopeReadKey(scope, w)}`);
  if (!p) return { loading: false };
  return {
    loading: true,
    pagesRead: p.pagesRead,
    jobsRead: p.jobsRead,
    elapsedMs: Date.now() - p.startedAt,
    ...(p.pagesEstimate !== undefined ? { pagesEstimate: p.pagesEstimate } : {}),
    ...(p.jobsTotal !== undefined ? { jobsTotal: p.jobsTotal } : {}),
  };
}

export async function failureSummary(account: BatchAccount, scope: Scope, w: WindowQuery): Promise<FailureSummaryResponse> {
  const data = await tasksAfterFailures(account, scope, w);
  const byCategory = new Map<string, number>();
  const byExitCode = new Map<number, number>();
  let failed = 0;
  for (const t of data.tasks) {
    if (!t.failed) continue;
    failed++;
    if (t.category) byCategory.set(t.category, (byCategory.get(t.category) ?? 0) + 1);
    if (t.exitCode !== undefined) byExitCode.set(t.exitCode, (byExitCode.get(t.exitCode) ?? 0) + 1);
  }
  const sorted = <K>(m: Map<K, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return {
    asOf: data.asOf,
    scope: scopeView(scope),
    window: data.window,
    completed: data.tasks.length,
    failed,
    byCategory: sorted(byCategory).map(([category, count]) => ({ category, count })),
    byExitCode: sorted(byExitCode).map(([exitCode, count]) => ({ exitCode, count })),
    jobsRead: data.jobsRead,
    pagesRead: data.pagesRead,
  };
}

/**
 * The heatmap matrix computed here, so the browser receives counts, never the tasks behind them. `keep`
 * narrows the failures counted (a failure signature's tasks, lib/batch/signatures.ts).
 */
export async function heatmap(
  account: BatchAccount,
  scope: Scope,
  w: WindowQuery,
  buckets: number,
  keep?: (t: CompletedTask) => boolean,
): Promise<HeatmapResponse> {
  return heatmapFrom(account, scope, await scopeTasks(account, scope, w), buckets, keep);
}

/** What one read of a scope's tasks (every completed task, or the failed ones alone) draws. */
export type ScopeRead = ScopeTasks & { window: { from: number; to: number }; asOf: string };

/**
 * The heatmap of one read: with every completed task it has rates and the diagnosis; with the failed
 * tasks alone (heatmap-first.ts) the same cells and failure counts, and no completed counts.
 */
export async function heatmapFrom(
  account: BatchAccount,
  scope: Scope,
  data: ScopeRead,
  buckets: number,
  keep?: (t: CompletedTask) => boolean,
  totals = true,
): Promise<HeatmapResponse> {
  const nodes = data.poolId ? await poolNodeStates(account, data.poolId) : [];
  const completedByNode = new Map<string, number>();
  const completedByJobNode = new Map<string, Map<string, number>>();
  const failures: FailedTaskPoint[] = [];
  for (const t of data.tasks) {
    if (t.nodeId) {
      completedByNode.set(t.nodeId, (completedByNode.get(t.nodeId) ?? 0) + 1);
      const perNode = completedByJobNode.get(t.jobId) ?? new Map<string, number>();
      perNode.set(t.nodeId, (perNode.get(t.nodeId) ?? 0) + 1);
      completedByJobNode.set(t.jobId, perNode);
    }
    // A failure with no node (ended before it was scheduled) still goes in: buildHeatmap counts it as
    // excluded.noNode, so the view says so instead of disagreeing silently with the failure summary.
    if (t.failed && (!keep || keep(t)))
      failures.push({
        nodeId: t.nodeId ?? "",
        endTime: t.endTime,
        category: t.category ?? "Unknown",
        jobId: t.jobId,
        ...(t.exitCode !== undefined ? { exitCode: t.exitCode } : {}),
      });
  }
  // Without totals no completed counts go in: counted from the failed tasks alone, every rate would read 100 %.
  const matrix = buildHeatmap({ window: data.window, buckets, nodes, failures, ...(totals ? { completedByNode, completedByJobNode } : {}) });
  return {
    asOf: data.asOf,
    scope: scopeView(scope),
    ...(data.poolId ? { poolId: data.poolId } : {}),
    ...matrix,
    jobsRead: data.jobsRead,
    pagesRead: data.pagesRead,
  };
}

/** Today's nodes with their states: one cheap list with $select, shared with other views of the pool. */
export function poolNodeStates(account: BatchAccount, poolId: string) {
  return cachedRead(account, poolKeys.nodeStates(poolId), async ({ client }) => {
    const { items } = await listAll(
      // startTaskInfo and errors: the diagnosis' node faults (docs/diagnosis.md); still one small page per 1,000 nodes.
      () => client.computeNode.list(poolId, { computeNodeListOptions: { select: "id,state,schedulingState,startTaskInfo,errors" } }),
      (link) => client.computeNode.listNext(link),
    ).catch((e: { statusCode?: number }) => (e.statusCode === 404 ? { items: [] } : Promise.reject(e)));
    return {
      nodes: items.map((n) => {
        const schedulingState = wireEnum(n.schedulingState, SCHEDULING_STATES);
        const errors = (n.errors ?? []).map((e) => e.code ?? "Unknown");
        return {
          id: n.id ?? "",
          state: wireEnum(n.state, NODE_STATES) ?? "unknown",
          ...(schedulingState ? { schedulingState } : {}),
          ...(String(n.startTaskInfo?.result ?? "").toLowerCase() === "failure" ? { startTaskFailed: true } : {}),
          ...(errors.length ? { errors } : {}),
        };
      }),
    };
  }).then((r) => r.nodes);
}
