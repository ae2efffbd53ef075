/**
 * Aggregates failed tasks into the node × time matrix the heatmap draws, plus the verdict line that answers
 * the operator's first question: "bad node or bad job?". Runs on the server; the browser receives only this
 * compact matrix, never the task list behind it.
 */
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
  /** completed tasks (success + failure) that ended in the window, per node, for the failure rate */
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

// --- Verdict thresholds -------------------------------------------------------------------------------
//
// "Concentrated" needs all three of: few nodes, most failures, and a failure rate on those nodes well
// above the rest. Each guards a different way of being wrong:
//
// CONCENTRATED_SHARE = 0.5: the top set must carry a majority of the failures. Below half, taking those
// nodes out of service would leave most failures standing, so the headline must not be "node problem".
// A majority (rather than, say, 60 %) keeps the mixed case — a few broken nodes on top of a background job
// bug — "concentrated": three nodes failing 80 tasks each beside a hundred nodes failing one or two still
// reads as "remove these three", and the text then also points at the background failures.
export const CONCENTRATED_SHARE = 0.5;
//
// FEW_NODES_MIN = 3, FEW_NODES_FRACTION = 0.1: "a few" is at most max(3, 10 % of the nodes that ran
// tasks). Three lets small pools (4–30 nodes) still get a node verdict for one to three bad machines;
// 10 % scales it for large pools, where a bad batch of VMs or one bad fault domain can take out tens of
// nodes. A job bug spreads roughly evenly, so its top 10 % of nodes carry only a little more than 10 % of
// failures and never reach a majority.
export const FEW_NODES_MIN = 3;
export const FEW_NODES_FRACTION = 0.1;
//
// CONTRAST_FACTOR = 3: the top nodes' failure rate must be at least 3× the rest's. In a small pool the
// share test alone is weak (of 4 nodes hit by the same job bug, 2 always hold about half the failures);
// binomial noise between nodes running the same job rarely triples a rate over a set of nodes, whereas a
// broken node fails most of what it runs — typically 10× the background or more. When the caller gives
// no per-node completed counts, failures per node stand in for the rate, which is only right when the
// nodes ran similar numbers of tasks: supply `completedByNode` whenever possible.
export const CONTRAST_FACTOR = 3;
//
// EXTEND_FRACTION = 0.5: once the smallest majority set is found, nodes failing at least half as much as
// its weakest member join it (within the "few" limit), so the verdict does not name three of six equally
// broken nodes and leave the operator to discover the other three.
export const EXTEND_FRACTION = 0.5;
//
// BACKGROUND_SHARE = 0.2: in a concentrated verdict, when the other nodes still carry at least a fifth of
// the failures, the text says so, because removing the bad nodes will not end the incident by itself.
export const BACKGROUND_SHARE = 0.2;

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
  const rowIndex = new Map<string, number>();
  for (const node of input.nodes) {
    if (rowIndex.has(node.id)) continue; // a node listed twice is still one machine
    rowIndex.set(node.id, rowsAcc.length);
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

    let r = rowIndex.get(point.nodeId);
    if (r === undefined) {
      // Ran failed tasks in the window but is no longer in the pool: often the very node that broke.
      r = rowsAcc.length;
      rowIndex.set(point.nodeId, r);
      rowsAcc.push({ nodeId: point.nodeId, state: GONE_STATE, gone: true });
      rowFailures.push(0);
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
  const rows: HeatmapRow[] = rowsAcc.map((acc, i) => {
    const failures = rowFailures[i] as number;
    const row: HeatmapRow = { nodeId: acc.nodeId, state: acc.state, gone: acc.gone, failures };
    if (acc.schedulingState !== undefined) row.schedulingState = acc.schedulingState;
    const reported = input.completedByNode?.get(acc.nodeId) ?? acc.tasksRun;
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
export function judge(rows: readonly HeatmapRow[], totalFailures: number): HeatmapVerdict {
  if (totalFailures <= 0) {
    return { kind: "none", text: "No failed tasks in this window", topNodes: [], topShare: 0 };
  }

  // Nodes that ran tasks: without any completed counts we cannot tell idle nodes from busy ones, so every
  // row counts (this can make a job bug on a mostly idle pool look concentrated; see CONTRAST_FACTOR).
  const haveCounts = rows.some((r) => r.completed !== undefined);
  const active = haveCounts ? rows.filter((r) => r.failures > 0 || (r.completed ?? 0) > 0) : rows.slice();
  const activeCount = active.length;
  const nodesWithFailures = active.filter((r) => r.failures > 0).length;
  const few = Math.max(FEW_NODES_MIN, Math.floor(FEW_NODES_FRACTION * activeCount));

  // Smallest top set holding a majority, then extended by nodes nearly as bad as its weakest member.
  let k = 0;
  let topSum = 0;
  while (k < active.length && topSum < CONCENTRATED_SHARE * totalFailures) topSum += (active[k++] as HeatmapRow).failures;
  if (k <= few) {
    const weakest = (active[k - 1] as HeatmapRow).failures;
    while (k < few && k < active.length) {
      const next = (active[k] as HeatmapRow).failures;
      if (next === 0 || next < EXTEND_FRACTION * weakest) break;
      topSum += next;
      k++;
    }
  }

  const share = topSum / totalFailures;
  if (k <= few && k < activeCount && contrasts(active, k)) {
    const top = active.slice(0, k);
    const nodes = k === 1 ? "1 node accounts" : `${k} nodes account`;
    let text = `${nodes} for ${percent(share)} of failures: likely a node problem — take ${k === 1 ? "it" : "them"} out of service`;
    const rest = totalFailures - topSum;
    const restNodes = nodesWithFailures - k;
    if (rest > 0 && rest / totalFailures >= BACKGROUND_SHARE) {
      text += `; the other ${percent(rest / totalFailures)} are spread over ${restNodes} ${restNodes === 1 ? "node" : "nodes"} — read their task logs too`;
    }
    return { kind: "concentrated", text, topNodes: top.map((r) => r.nodeId), topShare: share };
  }

  // Not a node verdict: still name the worst few so the operator can open them, but no remediation.
  const shown = active.slice(0, Math.min(FEW_NODES_MIN, nodesWithFailures));
  const shownSum = shown.reduce((acc, r) => acc + r.failures, 0);
  return {
    kind: "spread",
    text: `Failures are spread over ${nodesWithFailures} of ${activeCount} ${activeCount === 1 ? "node" : "nodes"}: likely a job problem — read the task logs`,
    topNodes: shown.map((r) => r.nodeId),
    topShare: shownSum / totalFailures,
  };
}

/** Is the top set's failure rate at least CONTRAST_FACTOR × the rest's? */
function contrasts(active: readonly HeatmapRow[], k: number): boolean {
  const top = active.slice(0, k);
  const rest = active.slice(k);
  const sum = (rows: readonly HeatmapRow[], f: (r: HeatmapRow) => number) => rows.reduce((a, r) => a + f(r), 0);
  const topFailures = sum(top, (r) => r.failures);
  const restFailures = sum(rest, (r) => r.failures);
  if (restFailures === 0) return true;
  if (active.every((r) => r.completed !== undefined)) {
    const topRate = topFailures / Math.max(1, sum(top, (r) => r.completed ?? 0));
    const restRate = restFailures / Math.max(1, sum(rest, (r) => r.completed ?? 0));
    return topRate >= CONTRAST_FACTOR * restRate;
  }
  return topFailures / top.length >= CONTRAST_FACTOR * (restFailures / rest.length);
}

function percent(share: number): string {
  // Never round a partial share up to "100%" or a non-zero one down to "0%": both would misstate it.
  const p = Math.round(share * 100);
  if (p >= 100 && share < 1) return "99%";
  if (p <= 0 && share > 0) return "<1%";
  return `${p}%`;
}
