import { compareNatural } from "@/lib/compare-natural";
import { idKey } from "@/lib/schemas/ids";
import type { RowAcc } from "./place-points";
import type { HeatmapRow } from "./types";

/** Orders the heatmap's categories and rows, returning for each the map from provisional to final index. */

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function remapOf(order: number[]): Uint32Array {
  const remap = new Uint32Array(order.length);
  order.forEach((old, neu) => (remap[old] = neu));
  return remap;
}

/** Categories most frequent first (ties by name), so ties inside a cell resolve to the pool-wide dominant category. */
export function rankCategories(catNames: string[], catTotals: number[]) {
  const order = catNames.map((_, i) => i);
  order.sort((a, b) => (catTotals[b] as number) - (catTotals[a] as number) || cmp(catNames[a] as string, catNames[b] as string));
  const byCategory: Record<string, number> = {};
  for (const i of order) byCategory[catNames[i] as string] = catTotals[i] as number;
  return { categories: order.map((i) => catNames[i] as string), catRemap: remapOf(order), byCategory };
}

/** Counts per node summed over every spelling of its id. */
function foldByKey(counts: Map<string, number> | undefined): Map<string, number> | undefined {
  if (!counts) return undefined;
  const out = new Map<string, number>();
  for (const [id, n] of counts) {
    const key = idKey(id);
    out.set(key, (out.get(key) ?? 0) + n);
  }
  return out;
}

/** The rows with their failures, completed counts and failure rates, still in provisional order. */
export function rowsWithRates(acc: RowAcc[], rowFailures: number[], completedByNode: Map<string, number> | undefined): HeatmapRow[] {
  const completedByKey = foldByKey(completedByNode);
  return acc.map((a, i) => {
    const failures = rowFailures[i] as number;
    const row: HeatmapRow = { nodeId: a.nodeId, state: a.state, gone: a.gone, failures };
    if (a.schedulingState !== undefined) row.schedulingState = a.schedulingState;
    const reported = completedByKey?.get(idKey(a.nodeId)) ?? a.tasksRun;
    if (reported !== undefined && Number.isFinite(reported)) {
      // Every failure is a completed task; counts from two listings taken moments apart can disagree,
      // and a rate above 100 % would only confuse.
      const completed = Math.max(reported, failures);
      row.completed = completed;
      if (completed > 0) row.failureRate = failures / completed;
    }
    return row;
  });
}

/**
 * Total and deterministic, so rows with equal counts keep their places across refreshes: failures, then
 * the node id in natural order (tvm-2 before tvm-10), case-insensitively as Batch compares ids. Not the
 * rate: the first answer has none (docs/diagnosis.md "Failures first"), and rows must not move when it
 * arrives.
 */
function compareRows(a: HeatmapRow, b: HeatmapRow): number {
  return b.failures - a.failures || compareNatural(idKey(a.nodeId), idKey(b.nodeId)) || cmp(a.nodeId, b.nodeId);
}

/** Rows worst first: failures desc, then node id (natural order). */
export function sortRows(rows: HeatmapRow[]) {
  const order = rows.map((_, i) => i);
  order.sort((a, b) => compareRows(rows[a] as HeatmapRow, rows[b] as HeatmapRow));
  return { sortedRows: order.map((i) => rows[i] as HeatmapRow), rowRemap: remapOf(order) };
}
