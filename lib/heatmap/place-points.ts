import { idKey } from "@/lib/schemas/ids";
import { GONE_STATE, type FailedTaskPoint, type HeatmapInput, type NodeInfo } from "./types";

/** One heatmap row before sorting. Row indices are provisional until the rows are sorted worst first. */
export interface RowAcc {
  nodeId: string;
  state: string;
  schedulingState?: string;
  gone: boolean;
  tasksRun?: number;
}

/**
 * Every in-window failure on a provisional (row, bucket) cell with a provisional category index, in the
 * first `kept` entries of the typed arrays; what was left out is counted.
 */
export interface Placement {
  rows: RowAcc[];
  rowFailures: number[];
  pointCell: Uint32Array;
  pointCat: Uint32Array;
  /** the input index of each kept point, for the colourings by job and exit code */
  pointSrc: Uint32Array;
  kept: number;
  outsideWindow: number;
  noNode: number;
  catNames: string[];
  catTotals: number[];
}

/**
 * The rows of today's nodes. Keyed by idKey: a task's nodeInfo.nodeId may spell the node differently from
 * the node list, and Batch ids are case-insensitive (docs/real-service.md). The row keeps the node list's
 * spelling.
 */
function seedRows(nodes: NodeInfo[]): { rows: RowAcc[]; rowIndex: Map<string, number> } {
  const rows: RowAcc[] = [];
  const rowIndex = new Map<string, number>();
  for (const node of nodes) {
    const key = idKey(node.id);
    if (rowIndex.has(key)) continue; // a node listed twice is still one machine
    rowIndex.set(key, rows.length);
    const acc: RowAcc = { nodeId: node.id, state: node.state, gone: false };
    if (node.schedulingState !== undefined) acc.schedulingState = node.schedulingState;
    if (node.tasksRun !== undefined) acc.tasksRun = node.tasksRun;
    rows.push(acc);
  }
  return { rows, rowIndex };
}

/** The bucket of time `t` (inside the window): arithmetic first, then nudged onto the exact integer edges. */
function bucketOf(t: number, from: number, span: number, edges: number[], buckets: number): number {
  let b = Math.floor(((t - from) * buckets) / span);
  if (b >= buckets) b = buckets - 1;
  while (b > 0 && t < (edges[b] as number)) b--;
  while (b < buckets - 1 && t >= (edges[b + 1] as number)) b++;
  return b;
}

/** Pass 1 over the points. A Map keeps per-point lookup cheap at 500k points. */
export function placePoints(input: HeatmapInput, edges: number[]): Placement {
  const { window, buckets } = input;
  const { from, to } = window;
  const span = to - from;
  const { rows, rowIndex } = seedRows(input.nodes);
  const n = input.failures.length;
  const out: Placement = {
    rows,
    rowFailures: new Array<number>(rows.length).fill(0),
    pointCell: new Uint32Array(n),
    pointCat: new Uint32Array(n),
    pointSrc: new Uint32Array(n),
    kept: 0,
    outsideWindow: 0,
    noNode: 0,
    catNames: [],
    catTotals: [],
  };
  const catIndex = new Map<string, number>();
  const bySpelling = new Map<string, number>();

  const rowOf = (nodeId: string): number => {
    // Most points repeat a spelling already seen: an exact hit skips the lower-casing.
    let r = bySpelling.get(nodeId);
    if (r !== undefined) return r;
    const key = idKey(nodeId);
    r = rowIndex.get(key);
    if (r === undefined) {
      // Ran failed tasks in the window but is no longer in the pool: often the very node that broke.
      r = rows.length;
      rowIndex.set(key, r);
      rows.push({ nodeId, state: GONE_STATE, gone: true });
      out.rowFailures.push(0);
    }
    bySpelling.set(nodeId, r);
    return r;
  };
  const categoryOf = (category: string): number => {
    let c = catIndex.get(category);
    if (c === undefined) {
      c = out.catNames.length;
      catIndex.set(category, c);
      out.catNames.push(category);
      out.catTotals.push(0);
    }
    return c;
  };

  for (let p = 0; p < n; p++) {
    const point = input.failures[p] as FailedTaskPoint;
    const t = point.endTime;
    if (!(t >= from && t < to)) {
      out.outsideWindow++;
      continue;
    }
    if (!point.nodeId) {
      out.noNode++;
      continue;
    }
    const b = bucketOf(t, from, span, edges, buckets);
    const r = rowOf(point.nodeId);
    const c = categoryOf(point.category);
    out.pointCell[out.kept] = r * buckets + b;
    out.pointCat[out.kept] = c;
    out.pointSrc[out.kept] = p;
    out.kept++;
    out.rowFailures[r] = (out.rowFailures[r] as number) + 1;
    out.catTotals[c] = (out.catTotals[c] as number) + 1;
  }
  return out;
}
