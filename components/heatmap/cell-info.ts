import type { HeatmapResponse } from "@/lib/schemas/failures";
import { bucketCount, bucketRange, rangeLabel } from "./time-axis";

/** What one cell says, for the tooltip and the screen reader alike (the same words in both). */
export interface CellInfo {
  row: number;
  col: number;
  nodeId: string;
  gone: boolean;
  state: string;
  from: number;
  to: number;
  count: number;
  dominant?: string;
  /** the job and exit code with the most failures in the cell */
  job?: string;
  exitCode?: string;
}

export type HeatmapMatrix = Pick<HeatmapResponse, "rows" | "edges" | "counts" | "dominant" | "categories" | "colourings">;

const keyAt = (c: { keys: string[]; dominant: number[] } | undefined, i: number) => {
  const k = c?.dominant[i] ?? -1;
  return k >= 0 ? c?.keys[k] : undefined;
};

export function cellInfo(m: HeatmapMatrix, row: number, col: number): CellInfo | undefined {
  const cols = bucketCount(m.edges);
  const r = m.rows[row];
  const range = bucketRange(m.edges, col);
  if (!r || !range || col < 0) return undefined;
  const i = row * cols + col;
  const d = m.dominant[i] ?? -1;
  const dominant = d >= 0 ? m.categories[d] : undefined;
  const job = keyAt(m.colourings?.job, i);
  const exitCode = keyAt(m.colourings?.exitCode, i);
  return {
    row,
    col,
    nodeId: r.nodeId,
    gone: r.gone,
    state: r.gone ? "gone" : r.state,
    ...range,
    count: m.counts[i] ?? 0,
    ...(dominant ? { dominant } : {}),
    ...(job ? { job } : {}),
    ...(exitCode ? { exitCode } : {}),
  };
}

export function countText(count: number): string {
  return count === 0 ? "no failed tasks" : count === 1 ? "1 failed task" : `${count} failed tasks`;
}

/** One sentence for the aria-live region. */
export function announce(c: CellInfo, rows: number, cols: number): string {
  const mostly = c.dominant ? `, mostly ${c.dominant}` : "";
  const where = `Row ${c.row + 1} of ${rows}, column ${c.col + 1} of ${cols}.`;
  return `Node ${c.nodeId} (${c.state}), ${rangeLabel(c.from, c.to)}: ${countText(c.count)}${mostly}. ${where}`;
}
