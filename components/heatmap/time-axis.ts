import { bucketOf } from "@/lib/heatmap/window";

/** Bucket ↔ time for the heatmap's columns. Pure; all times are epoch ms and printed in UTC. */

export function bucketCount(edges: readonly number[]): number {
  return Math.max(0, edges.length - 1);
}

/** [start, end) of bucket `col`, or undefined outside the grid. */
export function bucketRange(edges: readonly number[], col: number): { from: number; to: number } | undefined {
  const from = edges[col];
  const to = edges[col + 1];
  return from === undefined || to === undefined ? undefined : { from, to };
}

/** A bucket's width under these edges (they split the window evenly). */
function bucketWidth(edges: readonly number[]): number {
  const n = bucketCount(edges);
  return n > 0 ? Math.round(((edges[n] as number) - (edges[0] as number)) / n) : 60_000;
}

/**
 * The column of an opened cell whose start time (`cellAt` in the URL) was `at`, under the current edges. A
 * live window moves with every refresh, so the stored time, not an index, is what stays put; once the edges
 * have slid a few seconds, the cell is the bucket that overlaps [at, at + width) the most, the one holding
 * its midpoint (the bucket holding `at` itself would be, almost whole, the cell before it).
 */
export function columnOf(edges: readonly number[], at: number): number {
  const mid = bucketOf(edges, at + Math.floor(bucketWidth(edges) / 2));
  return mid >= 0 ? mid : bucketOf(edges, at);
}

/**
 * The time range of an opened cell: the bucket the grid outlines and counts (columnOf), so the list holds
 * exactly the tasks the cell counts. When the window has slid past the cell, a bucket's width from `at`,
 * cut to the window, so the list never counts tasks the grid no longer shows.
 */
export function cellRange(edges: readonly number[], at: number): { from: number; to: number } {
  const col = columnOf(edges, at);
  const exact = col >= 0 ? bucketRange(edges, col) : undefined;
  if (exact) return exact;
  const first = bucketCount(edges) > 0 ? (edges[0] as number) : at;
  const from = Math.max(at, first);
  return { from, to: Math.max(from + 1, at + bucketWidth(edges)) };
}

const pad = (n: number) => String(n).padStart(2, "0");

export function clockLabel(t: number, withDate: boolean): string {
  const d = new Date(t);
  const hm = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return withDate ? `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${hm}` : hm;
}

/** "10:05–10:11 UTC" (with the date when the range crosses midnight or the window spans days). */
export function rangeLabel(from: number, to: number, withDate = false): string {
  const crosses = new Date(from).toISOString().slice(0, 10) !== new Date(to).toISOString().slice(0, 10);
  return `${clockLabel(from, withDate || crosses)}–${clockLabel(to, withDate)} UTC`;
}

/**
 * At most `maxLabels` evenly spaced ticks along the columns, each at a bucket's start edge, labelled in
 * UTC; with the date when the window spans more than a day.
 */
export function axisTicks(edges: readonly number[], maxLabels: number): { col: number; label: string }[] {
  const n = bucketCount(edges);
  if (n === 0 || maxLabels < 1) return [];
  const withDate = (edges[n] as number) - (edges[0] as number) > 24 * 3_600_000;
  const every = Math.max(1, Math.ceil(n / maxLabels));
  const ticks: { col: number; label: string }[] = [];
  for (let col = 0; col < n; col += every) ticks.push({ col, label: clockLabel(edges[col] as number, withDate) });
  return ticks;
}
