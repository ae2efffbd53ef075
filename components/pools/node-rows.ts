import type { HeatmapResponse } from "@/lib/schemas/failures";
import type { NodeRow } from "@/lib/schemas/nodes";
import type { NODE_SORTS } from "@/lib/links/view-params";

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

// Bad states first when sorting by state: the ones an operator must act on.
const STATE_RANK: Record<string, number> = { unusable: 0, starttaskfailed: 1, unknown: 2, offline: 3 };

/** Today's nodes joined with their failures in the heatmap's window, filtered by text and sorted. */
export function nodeTableRows(nodes: readonly NodeRow[], heat: Pick<HeatmapResponse, "rows"> | undefined, q: string | null, sort: NodeSort): NodeTableRow[] {
  const byNode = new Map(heat?.rows.map((r) => [r.nodeId, r]) ?? []);
  const needle = q?.trim().toLowerCase() ?? "";
  const rows = nodes
    .map((n) => {
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
    })
    .filter((r) => !needle || [r.id, r.state, r.schedulingState, ...r.errorCodes].some((s) => s.toLowerCase().includes(needle)));
  const byId = (a: NodeTableRow, b: NodeTableRow) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const cmp: Record<NodeSort, (a: NodeTableRow, b: NodeTableRow) => number> = {
    failures: (a, b) => b.failures - a.failures || (b.failureRate ?? -1) - (a.failureRate ?? -1) || byId(a, b),
    rate: (a, b) => (b.failureRate ?? -1) - (a.failureRate ?? -1) || b.failures - a.failures || byId(a, b),
    state: (a, b) => (STATE_RANK[a.state] ?? 9) - (STATE_RANK[b.state] ?? 9) || (a.state < b.state ? -1 : a.state > b.state ? 1 : 0) || byId(a, b),
    id: byId,
    running: (a, b) => b.runningTasks - a.runningTasks || byId(a, b),
  };
  return rows.sort(cmp[sort]);
}
