import type { TimeWindow } from "@/lib/heatmap/window";

/** Tasks a list page holds at most (docs/real-service.md: page size is at most 1000). */
export const TASKS_PER_PAGE = 1000;
/** A job's window is cut into at most this many slices: past it, the slots, not the chains, are the limit. */
export const MAX_SLICES = 16;

/** What is known of a job before its tasks are read: its completed tasks (Batch's counts) and its life span. */
export interface JobSize {
  completed: number;
  created?: number;
  ended?: number;
}

/**
 * About how many pages of the job's completed tasks ended in the window: its completed tasks spread evenly
 * over its life (creation to end, or to the window's end while it runs). An estimate for planning the
 * read only; nothing is counted from it.
 */
export function pagesInWindow(job: JobSize, window: TimeWindow): number {
  const start = job.created ?? window.from;
  const end = Math.max(start + 1, job.ended ?? window.to);
  const overlap = Math.max(0, Math.min(end, window.to) - Math.max(start, window.from));
  const share = job.created === undefined ? 1 : Math.min(1, overlap / (end - start));
  return Math.ceil((job.completed * share) / TASKS_PER_PAGE);
}

/**
 * How many time slices each job's window is read in, so that the chains of pages come out about equally
 * long and there are enough of them to fill the account's read slots: a job's list is one chain of
 * odata.nextLink pages, and one big job would otherwise be read one page at a time while the slots idle.
 * A job of one page is never cut (a slice costs a call even when empty).
 */
export function slicesPerJob(pages: readonly number[], slots: number): number[] {
  const total = pages.reduce((a, b) => a + b, 0);
  const chainPages = Math.max(1, total / Math.max(1, slots));
  return pages.map((p) => Math.max(1, Math.min(MAX_SLICES, p, Math.ceil(p / chainPages))));
}

/** The window cut into `n` consecutive slices of equal span, the last ending exactly at the window's end. */
export function sliceWindow(window: TimeWindow, n: number): TimeWindow[] {
  const span = window.to - window.from;
  const count = Math.max(1, Math.min(n, span));
  const edges = Array.from({ length: count + 1 }, (_, i) => (i === count ? window.to : window.from + Math.floor((span * i) / count)));
  return edges.slice(0, -1).map((from, i) => ({ from, to: edges[i + 1]! }));
}
