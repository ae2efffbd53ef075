/**
 * Aggregates failed tasks into the node × time matrix the heatmap draws, plus the verdict line that answers
 * the operator's first question: "bad node or bad job?". Runs on the server; the browser receives only this
 * compact matrix, never the task list behind it.
 */
import { idKey } from "@/lib/schemas/ids";
import { judge } from "./verdict";
import { bucketEdges, type TimeWindow } from "./window";

export interface FailedTaskPoint {
  nodeId: string;
  /** epoch ms (executionInfo.endTime) */
  endTime: number;
  /** a FailureCategory; a plain string so this module stays independent of the taxonomy */
  category: string;
}

export interface NodeInfo {
  id: string;
  state: string;
  schedulingState?: string;
  /** tasks run in the window, for the failure rate; may be undefined */
  tasksRun?: number;
}

export interface HeatmapInput {
  window: TimeWindow;
  buckets: number;
  /** today's nodes */
  nodes: NodeInfo[];
  failures: FailedTaskPoint[];
  /** completed tasks (success + failure) that ended in the window, per node (ids in any case), for the failure rate */
  completedByNode?: Map<string, number>;
}

export interface HeatmapRow {
  nodeId: string;
  state: string;
  schedulingState?: string;
  gone: boolean;
  failures: number;
  completed?: number;
  failureRate?: number;
  dominantCategory?: string;
}

export type VerdictKind = "concentrated" | "spread" | "none";

export interface HeatmapVerdict {
  kind: VerdictKind;
  text: string;
  topNodes: string[];
  topShare: number;
}

export interface HeatmapMatrix {
  window: TimeWindow;
  edges: number[];
  /** sorted worst first: failures desc, then failureRate desc, then nodeId */
  rows: HeatmapRow[];
  /** row-major, rows.length × buckets */
  counts: number[];
  /** row-major: index into `categories` of the most frequent category in the cell, −1 for empty */
  dominant: number[];
  /** categories seen in the window, most frequent first (ties by name) */
  categories: string[];
  totals: { failures: number; nodesWithFailures: number; byCategory: Record<string, number> };
  maxCell: number;
  verdict: HeatmapVerdict;
  /**
   * Failed tasks left out of the matrix, so the UI can say so rather than silently under-count: ended
   * outside the window (or with no valid end time), or have no node (e.g. ended before being scheduled).
   */
  excluded: { outsideWindow: number; noNode: number };
}

export const GONE_STATE = "gone";

// A Map keeps per-point lookup cheap at 500k points; row indices are provisional until rows are sorted.
interface RowAcc {
  nodeId: string;
  state: string;
  schedulingState?: string;
  gone: boolean;
  tasksRun?: number;
}

export function buildHeatmap(input: HeatmapInput): HeatmapMatrix {
  const { window, buckets } = input;
  const edges = bucketEdges(window, buckets);
  const from = window.from;
  const to = window.to;
  const span = to - from;

  const rowsAcc: RowAcc[] = [];
  // Keyed by idKey: a task's nodeInfo.nodeId may spell the node differently from the node list, and Batch
  // ids are case-insensitive (docs/real-service.md). The row keeps the node list's spelling.
  const rowIndex = new Map<string, number>();
  for (const node of input.nodes) {
    const key = idKey(node.id);
    if (rowIndex.has(key)) continue; // a node listed twice is still one machine
    rowIndex.set(key, rowsAcc.length);
    const acc: RowAcc = { nodeId: node.id, state: node.state, gone: false };
    if (node.schedulingState !== undefined) acc.schedulingState = node.schedulingState;
    if (node.tasksRun !== undefined) acc.tasksRun = node.tasksRun;
    rowsAcc.push(acc);
  }

  // Pass 1: place each in-window point on a provisional (row, bucket) cell and a provisional category.
  const n = input.failures.length;
  const pointCell = new Uint32Array(n);
  const pointCat = new Uint32Array(n);
  let kept = 0;
  let outsideWindow = 0;
  let noNode = 0;
  const catIndex = new Map<string, number>();
  const catNames: string[] = [];
  const catTotals: number[] = [];
  let rowFailures: number[] = new Array<number>(rowsAcc.length).fill(0);
  const bySpelling = new Map<string, number>();

  for (let p = 0; p < n; p++) {
    const point = input.failures[p] as FailedTaskPoint;
    const t = point.endTime;
    if (!(t >= from && t < to)) {
      outsideWindow++;
      continue;
    }
    if (!point.nodeId) {
      noNode++;
      continue;
    }
    let b = Math.floor(((t - from) * buckets) / span);
    if (b >= buckets) b = buckets - 1;
    while (b > 0 && t < (edges[b] as number)) b--;
    while (b < buckets - 1 && t >= (edges[b + 1] as number)) b++;

    // Most points repeat a spelling already seen: an exact hit skips the lower-casing.
    let r = bySpelling.get(point.nodeId);
    if (r === undefined) {
      const key = idKey(point.nodeId);
      r = rowIndex.get(key);
      if (r === undefined) {
        // Ran failed tasks in the window but is no longer in the pool: often the very node that broke.
        r = rowsAcc.length;
        rowIndex.set(key, r);
        rowsAcc.push({ nodeId: point.nodeId, state: GONE_STATE, gone: true });
        rowFailures.push(0);
      }
      bySpelling.set(point.nodeId, r);
    }
    let c = catIndex.get(point.category);
    if (c === undefined) {
      c = catNames.length;
      catIndex.set(point.category, c);
      catNames.push(point.category);
      catTotals.push(0);
    }
    pointCell[kept] = r * buckets + b;
    pointCat[kept] = c;
    kept++;
    rowFailures[r] = (rowFailures[r] as number) + 1;
    catTotals[c] = (catTotals[c] as number) + 1;
  }

  // Categories most frequent first, so ties inside a cell resolve to the pool-wide dominant category.
  const catOrder = catNames.map((_, i) => i);
  catOrder.sort((a, b) => (catTotals[b] as number) - (catTotals[a] as number) || cmp(catNames[a] as string, catNames[b] as string));
  const catRemap = new Uint32Array(catNames.length);
  catOrder.forEach((old, neu) => (catRemap[old] = neu));
  const categories = catOrder.map((i) => catNames[i] as string);
  const byCategory: Record<string, number> = {};
  for (const i of catOrder) byCategory[catNames[i] as string] = catTotals[i] as number;

  // Rows with their rates, then sorted worst first.
  const completedByKey = foldByKey(input.completedByNode);
  const rows: HeatmapRow[] = rowsAcc.map((acc, i) => {
    const failures = rowFailures[i] as number;
    const row: HeatmapRow = { nodeId: acc.nodeId, state: acc.state, gone: acc.gone, failures };
    if (acc.schedulingState !== undefined) row.schedulingState = acc.schedulingState;
    const reported = completedByKey?.get(idKey(acc.nodeId)) ?? acc.tasksRun;
    if (reported !== undefined && Number.isFinite(reported)) {
      // Every failure is a completed task; counts from two listings taken moments apart can disagree,
      // and a rate above 100 % would only confuse.
      const completed = Math.max(reported, failures);
      row.completed = completed;
      if (completed > 0) row.failureRate = failures / completed;
    }
    return row;
  });
  const order = rows.map((_, i) => i);
  order.sort((a, b) => compareRows(rows[a] as HeatmapRow, rows[b] as HeatmapRow));
  const rowRemap = new Uint32Array(rows.length);
  order.forEach((old, neu) => (rowRemap[old] = neu));
  const sortedRows = order.map((i) => rows[i] as HeatmapRow);
  rowFailures = order.map((i) => rowFailures[i] as number);

  // Pass 2: counting sort of the points by final cell, so each cell's categories are contiguous and the
  // dominant category costs O(points) instead of a cells × categories table.
  const cellCount = sortedRows.length * buckets;
  const counts = new Uint32Array(cellCount);
  for (let k = 0; k < kept; k++) {
    const old = pointCell[k] as number;
    const r = rowRemap[Math.floor(old / buckets)] as number;
    const cell = r * buckets + (old % buckets);
    pointCell[k] = cell;
    counts[cell] = (counts[cell] as number) + 1;
  }
  const start = new Uint32Array(cellCount + 1);
  for (let cell = 0; cell < cellCount; cell++) start[cell + 1] = (start[cell] as number) + (counts[cell] as number);
  const fill = start.slice(0, cellCount);
  const cats = new Uint32Array(kept);
  for (let k = 0; k < kept; k++) {
    const cell = pointCell[k] as number;
    cats[fill[cell] as number] = catRemap[pointCat[k] as number] as number;
    fill[cell] = (fill[cell] as number) + 1;
  }

  const dominant = new Array<number>(cellCount).fill(-1);
  const cellTally = new Uint32Array(categories.length);
  const rowTally = new Uint32Array(categories.length);
  let maxCell = 0;
  for (let r = 0; r < sortedRows.length; r++) {
    if ((rowFailures[r] as number) === 0) continue;
    rowTally.fill(0);
    for (let b = 0; b < buckets; b++) {
      const cell = r * buckets + b;
      const s = start[cell] as number;
      const e = start[cell + 1] as number;
      if (s === e) continue;
      if (e - s > maxCell) maxCell = e - s;
      let best = -1;
      let bestCount = 0;
      for (let k = s; k < e; k++) {
        const c = cats[k] as number;
        const v = (cellTally[c] as number) + 1;
        cellTally[c] = v;
        rowTally[c] = (rowTally[c] as number) + 1;
        if (v > bestCount || (v === bestCount && c < best)) {
          best = c;
          bestCount = v;
        }
      }
      for (let k = s; k < e; k++) cellTally[cats[k] as number] = 0;
      dominant[cell] = best;
    }
    let best = 0;
    for (let c = 1; c < categories.length; c++) if ((rowTally[c] as number) > (rowTally[best] as number)) best = c;
    (sortedRows[r] as HeatmapRow).dominantCategory = categories[best];
  }

  const nodesWithFailures = sortedRows.reduce((acc, row) => acc + (row.failures > 0 ? 1 : 0), 0);
  return {
    window: { from, to },
    edges,
    rows: sortedRows,
    counts: Array.from(counts),
    dominant,
    categories,
    totals: { failures: kept, nodesWithFailures, byCategory },
    maxCell,
    verdict: judge(sortedRows, kept),
    excluded: { outsideWindow, noNode },
  };
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

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareRows(a: HeatmapRow, b: HeatmapRow): number {
  return b.failures - a.failures || (b.failureRate ?? -1) - (a.failureRate ?? -1) || cmp(a.nodeId, b.nodeId);
}

/**
 * `rows` must be sorted worst first. Exported for tests and for callers that filter rows (e.g. one job)
 * and want the verdict on what remains.
 */
