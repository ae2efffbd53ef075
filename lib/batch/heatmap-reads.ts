import "server-only";
import { BadRequestError } from "@/lib/errors/api-error";
import { buildHeatmap, type FailedTaskPoint } from "@/lib/heatmap/build-heatmap";
import type { CellTasksResponse, FailureSummaryResponse, HeatmapProgress, HeatmapResponse } from "@/lib/schemas/failures";
import { sameId } from "@/lib/schemas/ids";
import type { WindowQuery } from "@/lib/schemas/inputs";
import { NODE_STATES, SCHEDULING_STATES, wireEnum } from "@/lib/schemas/wire-values";
import type { BatchAccount } from "./accounts";
import type { AccountClient } from "./client";
import { listAll } from "./paging";
import { progressOf, withProgress } from "./progress";
import { cachedRead } from "./read";
import { pinnedReadWindow, poolKeys, scopeKeys } from "./read-keys";
import { completedTasksInWindow, scopeKey, type CompletedTask, type Scope, type ScopeMemory, type ScopeTasks } from "./scope-tasks";
import { serviceWindow } from "./service-window";

const scopeView = (s: Scope) => ({ kind: s.kind, id: s.kind === "pool" ? s.poolId : s.jobId });
/** What is read for a window: a live one as it is, a pinned one rounded outward so nearby links share it. */
const readWindow = (w: WindowQuery): WindowQuery => (w.from !== undefined && w.to !== undefined ? pinnedReadWindow(w.from, w.to) : w);
const windowKey = (w: WindowQuery) => (w.from !== undefined ? `${w.from}-${w.to}` : (w.window ?? "1h"));

const scopeReadKey = (scope: Scope, w: WindowQuery) => scopeKeys.tasks(scopeKey(scope), windowKey(readWindow(w)));

/** Memories of live (relative) windows, so their refreshes read only what changed; a few per account. */
const memories = new Map<string, ScopeMemory>();
const MAX_MEMORIES = 64;

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
          ...(await completedTasksInWindow(c, scope, window, progress, pinned ? undefined : memoryFor(`${account.name}|${account.url}|${key}`))),
        };
      }),
    pinned ? PINNED_TTL_MS : undefined,
  );
  if (!pinned) return read;
  const window = { from: w.from!, to: w.to! };
  return { ...read, window, tasks: read.tasks.filter((t) => t.endTime >= window.from && t.endTime < window.to) };
}

/** A pinned window's tasks ended in the past: keep them a minute rather than five seconds. */
const PINNED_TTL_MS = 60_000;

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
  const data = await scopeTasks(account, scope, w);
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
  const data: ScopeTasks & { window: { from: number; to: number }; asOf: string } = await scopeTasks(account, scope, w);
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
  const matrix = buildHeatmap({ window: data.window, buckets, nodes, failures, completedByNode, completedByJobNode });
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
function poolNodeStates(account: BatchAccount, poolId: string) {
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

/**
 * The failed tasks behind one heatmap cell, grouped by category: served from the same cached read as the
 * heatmap, so opening a cell costs no Batch call while the heatmap is fresh.
 */
export async function cellTasks(
  account: BatchAccount,
  scope: Scope,
  w: WindowQuery,
  cell: { nodeId: string; cellFrom: number; cellTo: number },
  keep?: (t: CompletedTask) => boolean,
): Promise<CellTasksResponse> {
  if (!(cell.cellFrom < cell.cellTo)) throw new BadRequestError("cellFrom must be before cellTo");
  const data = await scopeTasks(account, scope, w);
  const groups = new Map<string, CellTasksResponse["groups"][number]["tasks"]>();
  for (const t of data.tasks) {
    if (!t.failed || !sameId(t.nodeId, cell.nodeId) || t.endTime < cell.cellFrom || t.endTime >= cell.cellTo || (keep && !keep(t))) continue;
    const category = t.category ?? "Unknown";
    const list = groups.get(category) ?? [];
    list.push({ jobId: t.jobId, taskId: t.id, endTime: t.endTime, ...(t.exitCode !== undefined ? { exitCode: t.exitCode } : {}) });
    groups.set(category, list);
  }
  return {
    asOf: data.asOf,
    nodeId: cell.nodeId,
    from: cell.cellFrom,
    to: cell.cellTo,
    groups: [...groups]
      .sort((a, b) => b[1].length - a[1].length)
      .map(([category, tasks]) => ({ category, tasks: tasks.sort((a, b) => b.endTime - a.endTime) })),
  };
}
