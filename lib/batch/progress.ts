import "server-only";
import { processShared } from "./process-shared";

/** How far a long read has got: pages of task lists read, of an estimate from the jobs' task counts. */
export interface LoadProgress {
  pagesRead: number;
  pagesEstimate?: number;
  jobsRead: number;
  jobsTotal?: number;
  startedAt: number;
}

// On globalThis: the page that starts a read while it renders (the pool page's first heatmap) and the
// progress route that reports it are separate server bundles of one process; a map of each bundle's own
// left the route blind to every read a page had started, and a cold load showed no progress.
const inFlight = processShared("LoadProgress", () => new Map<string, LoadProgress>());

/**
 * A read registers its progress under its cache key while it runs, so another request (the browser's
 * poll) can report it: a heatmap over 100,000 tasks takes seconds, and the page says how far it is.
 */
export async function withProgress<T>(key: string, run: (progress: LoadProgress) => Promise<T>): Promise<T> {
  const progress: LoadProgress = { pagesRead: 0, jobsRead: 0, startedAt: Date.now() };
  inFlight.set(key, progress);
  try {
    return await run(progress);
  } finally {
    if (inFlight.get(key) === progress) inFlight.delete(key);
  }
}

export function progressOf(key: string): LoadProgress | undefined {
  return inFlight.get(key);
}
