import { HEATMAP_BUCKETS, WINDOW_DURATION_MS, type RelativeWindow, type TimeWindow } from "./window";

/** The window of the URL, as its parsers give it (docs/architecture.md "Deep links"). */
export interface UrlWindow {
  window: RelativeWindow;
  from: number | null;
  to: number | null;
}

function windowLength(w: UrlWindow): number {
  return w.from !== null && w.to !== null && w.from < w.to ? w.to - w.from : WINDOW_DURATION_MS[w.window];
}

/**
 * The opened cell's own time span, fixed when it was opened, so a link to it shows the same tasks when a
 * live window has slid on: `cellAt` to `cellTo`, or, for a link made before `cellTo` existed, one bucket of
 * the link's window from `cellAt` (the bucket width it was opened with: the columns are always
 * HEATMAP_BUCKETS).
 */
export function openedCellSpan(cellAt: number, cellTo: number | null, w: UrlWindow): TimeWindow {
  if (cellTo !== null && cellTo > cellAt) return { from: cellAt, to: cellTo };
  return { from: cellAt, to: cellAt + Math.max(1, Math.floor(windowLength(w) / HEATMAP_BUCKETS)) };
}

/** Whether the whole span lies in the window the grid shows now (its first and last bucket edges). */
export function spanInside(span: TimeWindow, edges: readonly number[]): boolean {
  const first = edges[0];
  const last = edges[edges.length - 1];
  return first !== undefined && last !== undefined && span.from >= first && span.to <= last;
}

/**
 * A pinned window as long as the URL's, ending where the cell ends: the cell is then exactly its last
 * column (the window lengths divide evenly into HEATMAP_BUCKETS whole milliseconds), with what led up to it.
 */
export function pinnedWindowOf(span: TimeWindow, w: UrlWindow): TimeWindow {
  return { from: span.to - windowLength(w), to: span.to };
}

/**
 * The window the cell's tasks are read in: the view's own while the cell lies in it (the read behind the
 * heatmap serves it), else the cell's span pinned, so a cell the live window has slid past still lists its tasks.
 */
export function cellTasksWindow(span: TimeWindow, edges: readonly number[], windowQ: Record<string, string>): Record<string, string> {
  return spanInside(span, edges) ? windowQ : { from: new Date(span.from).toISOString(), to: new Date(span.to).toISOString() };
}
