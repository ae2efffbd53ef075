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
  /** the tick's time, epoch ms */
  at: number;
  label: string;
  /** left edge of the tick, px from the axis' start */
  x: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
/** The steps a tick may take: each divides a day (or is whole days), so a UTC midnight is always a tick. */
const STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 240, 360, 720].map((m) => m * MINUTE).concat([1, 2, 7, 14, 28].map((d) => d * DAY));

const utcDay = (t: number) => Math.floor(t / DAY);
const dateLabel = (t: number) => clockLabel(t, true).slice(0, 5);

/**
 * Ticks along an axis `width` px wide, at round UTC times (every 10 minutes, 3 hours, a day…), labelled in
 * UTC. Steps of whole days sit at UTC midnights and are labelled by the date alone ("11-28"). Shorter steps
 * are labelled by the clock, and when the window spans two dates the first tick and the first of each new
 * day (its midnight, always a tick) carry the date too ("11-28 00:00"), so a 24-hour axis says where the day
 * turns. The step is the shortest whose labels fit, so a label never runs into the next tick, and a label
 * that would run past the end of the axis is left out.
 */
export function axisTicks(edges: readonly number[], width: number, charPx = AXIS_CHAR_PX): AxisTick[] {
  const n = bucketCount(edges);
  if (n === 0 || width <= 0) return [];
  const from = edges[0] as number;
  const to = edges[n] as number;
  const span = to - from;
  if (span <= 0) return [];
  const twoDates = utcDay(from) !== utcDay(to - 1);
  const labelChars = (step: number) => (step >= DAY ? 5 : twoDates ? 11 : 5);
  const fits = (step: number) => (step / span) * width >= Math.max(MIN_TICK_SPACING_PX, labelChars(step) * charPx + AXIS_GAP_PX);
  const step = STEPS.find(fits) ?? STEPS[STEPS.length - 1]!;
  const ticks: AxisTick[] = [];
  let day: number | undefined;
  for (let at = Math.ceil(from / step) * step; at < to; at += step) {
    const dated = step < DAY && twoDates && utcDay(at) !== day;
    day = utcDay(at);
    const label = step >= DAY ? dateLabel(at) : clockLabel(at, dated);
    const x = ((at - from) / span) * width;
    if (x + label.length * charPx > width) break;
    ticks.push({ at, label, x });
  }
  return ticks;
}
