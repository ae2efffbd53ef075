import "server-only";
import { BadRequestError } from "@/lib/errors/api-error";
import type { CellTasksResponse, HeatmapResponse } from "@/lib/schemas/failures";
import { sameId } from "@/lib/schemas/ids";
import type { WindowQuery } from "@/lib/schemas/inputs";
import type { BatchAccount } from "./accounts";
import {
  heatmapFrom,
  PINNED_TTL_MS,
  poolNodeStates,
  refreshesFromMemory,
  scopeFailures,
  scopeReadKey,
  scopeTasks,
  windowKey,
  type ScopeRead,
} from "./heatmap-reads";
import { READS_PER_ACCOUNT } from "./client";
import { cachedRead, readState } from "./read";
import { scopeKeys, type ReadKey } from "./read-keys";
import { processShared } from "./process-shared";
import { urgently } from "./urgent-reads";

export { scopeFailures };
import { scopeKey, type CompletedTask, type Scope } from "./scope-tasks";

/**
 * How long the first answer waits for the full read once the failures are in: a little, so a small scope
 * (its full read a round trip or two behind) answers whole, with its verdict; never more than half the
 * failures' own time past GRACE_MIN_MS, and never past GRACE_MAX_MS; none at all when the failures took more
 * than one round of the read slots, as the full read then surely takes longer (docs/diagnosis.md).
 */
const GRACE_MIN_MS = 100;
const GRACE_MAX_MS = 250;

type Raced<F> = { full: F } | { failures: ScopeRead };

/**
 * The failures read, then the full one: whichever the caller may use first. A full read already kept is
 * used at once; one under way is raced with the failures; one not started starts only once the failures
 * (and the pool's node list, which the first answer's rows need) are in, because the two share the account's read slots and the full read's many pages would otherwise
 * queue ahead of the failures' few (measured: 4× the failures' own time on scale). It goes on after the
 * first answer, filling the read cache for the next request; its failure reaches that request, not this.
 */
async function failuresOrFull<F>(
  account: BatchAccount,
  scope: Scope,
  w: WindowQuery,
  fullKey: ReadKey,
  readFull: () => Promise<F>,
  alsoFirst: Promise<unknown>,
): Promise<Raced<F>> {
  const state = readState(account, fullKey);
  if (state === "kept") return { full: await readFull() };
  const started = Date.now();
  // The node list too: its pages queued behind the full read's held the first answer back (heatmap UI bench).
  const failures = Promise.all([urgently(() => scopeFailures(account, scope, w)), alsoFirst]).then(([d]): Raced<F> => ({ failures: d }));
  let full: Promise<F> | undefined;
  const startFull = () => {
    full ??= readFull();
    full.catch(() => undefined);
    return full;
  };
  const first = state === "loading" ? await Promise.race([startFull().then((d): Raced<F> => ({ full: d })), failures]) : await failures;
  if ("full" in first) return first;
  if (first.failures.pagesRead > READS_PER_ACCOUNT) {
    // More pages of failures than one round of the read slots: the full read has at least those jobs' pages
    // to read after its own planning round, so no grace could see it end (scale: 20 pages, 250 ms lost).
    startFull();
    return first;
  }
  const grace = Math.min(GRACE_MAX_MS, Math.max(GRACE_MIN_MS, (Date.now() - started) / 2));
  const late = await Promise.race([
    startFull().then(
      (d): Raced<F> => ({ full: d }),
      () => undefined,
    ),
    new Promise<undefined>((r) => setTimeout(r, grace)),
  ]);
  return late ?? first;
}

/**
 * The full answer is kept as the answer, not only as the tasks behind it: a big window's tasks (200,000 on
 * scale) are more than the read cache keeps of one value, and the page asking again for its rates must
 * find them done rather than start the read over. As long as the tasks' read: a minute for a pinned window.
 */
function fullHeatmap(account: BatchAccount, scope: Scope, w: WindowQuery, buckets: number) {
  const pinned = w.from !== undefined && w.to !== undefined;
  const key = scopeKeys.heatmap(scopeKey(scope), windowKey(w), buckets);
  const read = () =>
    cachedRead(account, key, async () => heatmapFrom(account, scope, await scopeTasks(account, scope, w), buckets), pinned ? PINNED_TTL_MS : undefined);
  return { key, read };
}

/**
 * The heatmap's first answer: the full one when it is at hand (kept, a refresh of a live window's
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
  const full = fullHeatmap(account, scope, w, buckets);
  // Asked again while the full read runs (the page does every 1.5 s): the first answer given, as it was.
  const pendingKey = `${account.name}|${full.key}`;
  const pending = pendingFirsts.get(pendingKey);
  if (pending && readState(account, full.key) === "loading") return pending;
  // The rows' node list is one more read (a page per 1,000 nodes): beside the failures, not after them.
  const nodes = scope.kind === "pool" ? urgently(() => poolNodeStates(account, scope.poolId)).catch(() => undefined) : Promise.resolve();
  const read = await failuresOrFull(account, scope, w, full.key, full.read, nodes);
  if ("full" in read) return read.full;
  const { diagnosis, ...first } = await heatmapFrom(account, scope, read.failures, buckets, undefined, false);
  void diagnosis; // computed without totals: not sent
  const answer: HeatmapResponse = {
    ...first,
    ratesPending: true,
    verdict: { kind: "pending", text: "The verdict waits for the completed-task totals, still being read.", topNodes: [], topShare: 0 },
  };
  if (readState(account, full.key) === "loading") {
    pendingFirsts.set(pendingKey, answer);
    void full
      .read()
      .catch(() => undefined)
      .finally(() => pendingFirsts.delete(pendingKey));
  }
  return answer;
}

/**
 * First answers whose full read is still running, by that read's key: the page's asks for the rates then
 * cost no Batch call (re-reading the failures each time cost a page or so per job per ask), and they
 * leave when the full read settles, so there are never more than the reads in flight.
 */
const pendingFirsts = processShared("PendingFirsts", () => new Map<string, HeatmapResponse>());

/**
 * The failed tasks behind one heatmap cell, grouped by category: served from the same cached reads as the
 * heatmap (every completed task when kept, else the failures), so opening a cell costs no Batch call while
 * the heatmap is fresh, and never waits for the totals.
 */
export async function cellTasks(
  account: BatchAccount,
  scope: Scope,
  w: WindowQuery,
  cell: { nodeId: string; cellFrom: number; cellTo: number },
  keep?: (t: CompletedTask) => boolean,
): Promise<CellTasksResponse> {
  if (!(cell.cellFrom < cell.cellTo)) throw new BadRequestError("cellFrom must be before cellTo");
  // Only failed tasks are listed: the failures read serves, unless every completed task is kept anyway.
  const data = keep || readState(account, scopeReadKey(scope, w)) === "kept" ? await scopeTasks(account, scope, w) : await scopeFailures(account, scope, w);
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
