/**
 * Time windows for the heatmap. Every "now" here is the Batch service's clock (the `Date` header of its
 * responses), passed in by the caller: a dashboard server or browser with a skewed clock would otherwise
 * ask for a window in which nothing happened and show an empty heatmap in the middle of an incident.
 */

export const RELATIVE_WINDOWS = ["15m", "1h", "6h", "24h", "7d"] as const;

/**
 * Columns per window, as the browser asks for them: one minute in the default hour; enough to see an
 * onset, few enough to stay legible. The pool page's render-time start and snapshots ask for the same.
 */
export const HEATMAP_BUCKETS = 60;
export type RelativeWindow = (typeof RELATIVE_WINDOWS)[number];

/** Epoch milliseconds, `from` inclusive, `to` exclusive, `from < to`. */
export interface TimeWindow {
  from: number;
  to: number;
}

export interface WindowSpec {
  window?: RelativeWindow;
  from?: number;
  to?: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const WINDOW_DURATION_MS: Readonly<Record<RelativeWindow, number>> = {
  "15m": 15 * MINUTE,
  "1h": HOUR,
  "6h": 6 * HOUR,
  "24h": 24 * HOUR,
  "7d": 7 * 24 * HOUR,
};

// The span an operator most often means by "what is going on right now", and the design's example URL.
export const DEFAULT_WINDOW: RelativeWindow = "1h";

export function isRelativeWindow(value: unknown): value is RelativeWindow {
  return typeof value === "string" && (RELATIVE_WINDOWS as readonly string[]).includes(value);
}

/**
 * Absolute `from`/`to` win over `window`, because a pinned link pasted in a ticket must show the same
 * evidence next week. A lone `from` means "from then until now"; a lone `to` means "the relative span
 * (default 1h) ending then". Throws RangeError on an empty, inverted or non-finite window so the route
 * can answer badRequest instead of drawing nothing.
 */
export function resolveWindow(spec: WindowSpec, serviceNowMs: number): TimeWindow {
  assertFinite(serviceNowMs, "serviceNowMs");
  const duration = WINDOW_DURATION_MS[spec.window ?? DEFAULT_WINDOW];
  if (duration === undefined) throw new RangeError(`unknown window ${String(spec.window)}`);

  if (spec.from === undefined && spec.to === undefined) {
    return { from: serviceNowMs - duration, to: serviceNowMs };
  }
  const to = spec.to ?? serviceNowMs;
  const from = spec.from ?? to - duration;
  assertFinite(from, "from");
  assertFinite(to, "to");
  if (!(from < to)) throw new RangeError(`window must have from < to, got from=${from} to=${to}`);
  return { from, to };
}

/**
 * For "copy link": turns whatever the operator is looking at into absolute bounds. Pass the service time
 * the data on screen was computed at (its "as of"), not the time of the click, so the link reproduces
 * the very buckets on screen.
 */
export function pinWindow(spec: WindowSpec, serviceNowMs: number): TimeWindow {
  const { from, to } = resolveWindow(spec, serviceNowMs);
  return { from, to };
}

/**
 * `buckets + 1` evenly spaced edges; bucket i is [edges[i], edges[i+1]). Inner edges are whole
 * milliseconds (they end up in URLs and task `$filter`s, where fractions would only cause off-by-one
 * disputes between the heatmap and the task list behind a cell); the last edge is exactly `to`.
 */
export function bucketEdges(w: TimeWindow, buckets: number): number[] {
  assertWindow(w);
  if (!Number.isInteger(buckets) || buckets < 1) {
    throw new RangeError(`buckets must be a positive integer, got ${buckets}`);
  }
  const span = w.to - w.from;
  const edges = new Array<number>(buckets + 1);
  for (let i = 0; i < buckets; i++) edges[i] = w.from + Math.floor((i * span) / buckets);
  edges[buckets] = w.to;
  return edges;
}

/**
 * Index of the bucket holding `t` (−1 outside the window). Arithmetic gives the answer in O(1); the
 * correction steps make the edges array, not floating-point rounding, the single definition of where a
 * point on a boundary belongs, so a cell and the task list opened from it always agree.
 */
export function bucketOf(edges: readonly number[], t: number): number {
  const buckets = edges.length - 1;
  const from = edges[0];
  const to = edges[buckets];
  if (buckets < 1 || from === undefined || to === undefined) return -1;
  if (!(t >= from && t < to)) return -1;
  let i = Math.floor(((t - from) * buckets) / (to - from));
  if (i >= buckets) i = buckets - 1;
  while (i > 0 && t < (edges[i] as number)) i--;
  while (i < buckets - 1 && t >= (edges[i + 1] as number)) i++;
  return i;
}

function assertFinite(value: number, name: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite epoch ms, got ${value}`);
}

function assertWindow(w: TimeWindow): void {
  assertFinite(w.from, "from");
  assertFinite(w.to, "to");
  if (!(w.from < w.to)) throw new RangeError(`window must have from < to, got from=${w.from} to=${w.to}`);
}
