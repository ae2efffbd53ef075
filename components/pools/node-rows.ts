import { compareNatural } from "@/lib/compare-natural";
import type { NODE_SORTS } from "@/lib/links/view-params";
import type { HeatmapResponse } from "@/lib/schemas/failures";
import type { NodeRow } from "@/lib/schemas/nodes";

export type NodeSort = (typeof NODE_SORTS)[number];

export interface NodeTableRow {
  id: string;
  state: string;
  schedulingState: string;
  failures: number;
  failureRate?: number;
  runningTasks: number;
  errorCodes: string[];
}

/** Today's nodes joined with their failures in the heatmap's window. */
export function nodeTableRows(nodes: readonly NodeRow[], heat: Pick<HeatmapResponse, "rows"> | undefined): NodeTableRow[] {
  const byNode = new Map(heat?.rows.map((r) => [r.nodeId, r]) ?? []);
  return nodes.map((n) => {
    const h = byNode.get(n.id);
    return {
      id: n.id,
      state: n.state,
      schedulingState: n.schedulingState,
      failures: h?.failures ?? 0,
      ...(h?.failureRate !== undefined ? { failureRate: h.failureRate } : {}),
      runningTasks: n.runningTasks,
      errorCodes: [...n.errors.map((e) => e.code), ...(n.startTask?.failureInfo ? [n.startTask.failureInfo.code ?? "StartTaskFailed"] : [])],
    };
  });
}

/** What the filter box searches: the id, both states and the error codes. */
export function nodeSearchText(r: NodeTableRow): string {
  return [r.id, r.state, r.schedulingState, ...r.errorCodes].join(" ");
}

// Bad states first when sorting by state: the ones an operator must act on.
const STATE_RANK: Record<string, number> = { unusable: 0, starttaskfailed: 1, unknown: 2, offline: 3 };

const byId = (a: NodeTableRow, b: NodeTableRow) => compareNatural(a.id, b.id);

/**
 * Each sort as an ascending comparator (the table reverses the descending ones whole, so ties that read
 * "id ascending" here are written reversed): counts and rates show the biggest first, ids and states the
 * worst/lowest first, and ties always fall back to the id in natural order.
 */
export const NODE_ORDER: Record<NodeSort, { compare: (a: NodeTableRow, b: NodeTableRow) => number; desc: boolean }> = {
  failures: { desc: true, compare: (a, b) => a.failures - b.failures || (a.failureRate ?? -1) - (b.failureRate ?? -1) || byId(b, a) },
  rate: { desc: true, compare: (a, b) => (a.failureRate ?? -1) - (b.failureRate ?? -1) || a.failures - b.failures || byId(b, a) },
  state: {
    desc: false,
    compare: (a, b) => (STATE_RANK[a.state] ?? 9) - (STATE_RANK[b.state] ?? 9) || compareNatural(a.state, b.state) || byId(a, b),
  },
  id: { desc: false, compare: byId },
  running: { desc: true, compare: (a, b) => a.runningTasks - b.runningTasks || byId(b, a) },
};
