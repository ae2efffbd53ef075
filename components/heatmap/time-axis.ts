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
 * The widest a label's character is drawn on the axis (text-xs, tabular digits: about 6.6 px at 12 px; the
 * hyphen and colon narrower), and the room each label keeps free after its text (its tick's border and
 * padding, and a gap before the next tick).
 */
export const AXIS_CHAR_PX = 7;
const AXIS_GAP_PX = 16;
/** Ticks no closer than this even for short labels, so a short window's axis stays calm. */
const MIN_TICK_SPACING_PX = 72;

export interface AxisTick {
  col: number;
  label: string;
  /** left edge of the tick, px from the axis' start */
  x: number;
}

/**
 * Evenly spaced ticks along an axis `width` px wide, each at a bucket's start edge, labelled in UTC; with
 * the date when the window spans more than a day. The spacing follows the labels' length, so on the 7-day
 * window ("11-28 10:00") a label never runs into the next tick, and a label that would run past the end of
 * the axis is left out.
 */
export function axisTicks(edges: readonly number[], width: number, charPx = AXIS_CHAR_PX): AxisTick[] {
  const n = bucketCount(edges);
  if (n === 0 || width <= 0) return [];
  const withDate = (edges[n] as number) - (edges[0] as number) > 24 * 3_600_000;
  const labelPx = clockLabel(edges[0] as number, withDate).length * charPx;
  const spacing = Math.max(MIN_TICK_SPACING_PX, labelPx + AXIS_GAP_PX);
  const every = Math.max(1, Math.ceil(n / Math.max(1, Math.floor(width / spacing))));
  const ticks: AxisTick[] = [];
  for (let col = 0; col < n; col += every) {
    const x = (col / n) * width;
    if (col > 0 && x + labelPx > width) break;
    ticks.push({ col, label: clockLabel(edges[col] as number, withDate), x });
  }
  return ticks;
}
