import "server-only";
import { BadRequestError } from "@/lib/errors/api-error";
import type { CellTasksResponse, HeatmapResponse } from "@/lib/schemas/failures";
import { sameId } from "@/lib/schemas/ids";
import type { WindowQuery } from "@/lib/schemas/inputs";
import type { BatchAccount } from "./accounts";
import { failedTasksInWindow } from "./failed-tasks";
import { cutToWindow, heatmapFrom, readWindow, refreshesFromMemory, scopeTasks, windowKey, type ScopeRead } from "./heatmap-reads";
import { cachedRead } from "./read";
import { scopeKeys } from "./read-keys";
import { scopeKey, type CompletedTask, type Scope } from "./scope-tasks";
import { serviceWindow } from "./service-window";

/**
 * How long the first answer waits for the full read once the failures are in: a little, so a small scope
 * (its full read a round trip or two behind) answers whole, with its verdict; never more than half the
 * failures' own time past GRACE_MIN_MS, and never past GRACE_MAX_MS, so at scale the first answer costs at
 * most 1.5 times the failures alone.
 */
const GRACE_MIN_MS = 100;
const GRACE_MAX_MS = 250;

/** The scope's failed tasks in the window, one cached read shared by the first answers and opened cells. */
export async function scopeFailures(account: BatchAccount, scope: Scope, w: WindowQuery): Promise<ScopeRead> {
  const key = scopeKeys.failedTasks(scopeKey(scope), windowKey(readWindow(w)));
  const read = await cachedRead(account, key, async (c) => {
    const window = await serviceWindow(readWindow(w), c);
    return { window, ...(await failedTasksInWindow(c, scope, window)) };
  });
  return cutToWindow(read, w);
}

type Raced = { full: ScopeRead } | { failures: ScopeRead };

/**
 * The full read (every completed task) and the failures read, started together: whichever the caller
 * may use first. The full read goes on after the failures have answered, so it fills the read cache for
 * the next request; its failure reaches that request, not this one.
 */
export async function failuresOrFull(account: BatchAccount, scope: Scope, w: WindowQuery): Promise<Raced> {
  const full = scopeTasks(account, scope, w);
  full.catch(() => undefined);
  const started = Date.now();
  const first = await Promise.race([full.then((d): Raced => ({ full: d })), scopeFailures(account, scope, w).then((d): Raced => ({ failures: d }))]);
  if ("full" in first) return first;
  const grace = Math.min(GRACE_MAX_MS, Math.max(GRACE_MIN_MS, (Date.now() - started) / 2));
  const late = await Promise.race([full.catch(() => undefined), new Promise<undefined>((r) => setTimeout(r, grace))]);
  return late ? { full: late } : first;
}

/**
 * The heatmap's first answer: the full one when it is at hand (cached, a refresh of a live window's
 * memory, or done within the grace), else the one drawn from the failed tasks alone, marked
 * `ratesPending`, with no diagnosis and a verdict that says it waits: without the completed totals the
 * diagnosis cannot tell a bad node from a busy one (docs/diagnosis.md), and a wrong verdict is worse than
 * a late one. A signature filter needs the full read anyway (its signatures are read from it).
 */
export async function firstHeatmap(
  account: BatchAccount,
  scope: Scope,
  w: WindowQuery,
  buckets: number,
  keep?: (t: CompletedTask) => boolean,
): Promise<HeatmapResponse> {
  if (keep || refreshesFromMemory(account, scope, w)) return heatmapFrom(account, scope, await scopeTasks(account, scope, w), buckets, keep);
  const read = await failuresOrFull(account, scope, w);
  if ("full" in read) return heatmapFrom(account, scope, read.full, buckets);
  const { diagnosis, ...first } = await heatmapFrom(account, scope, read.failures, buckets, undefined, false);
  void diagnosis; // computed without totals: not sent
  return {
    ...first,
    ratesPending: true,
    verdict: { kind: "pending", text: "The verdict waits for the completed-task totals, still being read.", topNodes: [], topShare: 0 },
  };
}

/**
 * The failed tasks behind one heatmap cell, grouped by category: served from the same cached reads as the
 * heatmap (the failures, or every completed task, whichever is at hand first), so opening a cell costs no
 * Batch call while the heatmap is fresh, and does not wait for the totals.
 */
export async function cellTasks(
  account: BatchAccount,
  scope: Scope,
  w: WindowQuery,
  cell: { nodeId: string; cellFrom: number; cellTo: number },
  keep?: (t: CompletedTask) => boolean,
): Promise<CellTasksResponse> {
  if (!(cell.cellFrom < cell.cellTo)) throw new BadRequestError("cellFrom must be before cellTo");
  const read = keep ? { full: await scopeTasks(account, scope, w) } : await failuresOrFull(account, scope, w);
  const data = "full" in read ? read.full : read.failures;
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
