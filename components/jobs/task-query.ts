"use client";

import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useQueryStates } from "nuqs";
import { useCallback, useSyncExternalStore } from "react";
import type { SortingState } from "@tanstack/react-table";
import { jobViewParams, windowQuery } from "@/lib/links/view-params";
import { batchQueries } from "@/lib/queries/batch";
import type { TASK_OUTCOMES } from "@/lib/schemas/inputs";
import type { JobDetailResponse } from "@/lib/schemas/jobs";

export type TaskOutcome = (typeof TASK_OUTCOMES)[number];
type ViewState = ReturnType<typeof useQueryStates<typeof jobViewParams>>[0];

/**
 * The outcome the table shows: the URL's, else failed (what the operator came for), or all once the job's
 * counts say it has no failures. Failed is the answer until then, so the table's read starts with the
 * page's other reads instead of waiting for the job (a job of no failures then reads its tasks twice).
 */
export function useTaskOutcome(account: string, jobId: string, chosen: TaskOutcome | null): TaskOutcome {
  const failed = useJobFailedCount(account, jobId);
  if (chosen) return chosen;
  if (failed === undefined) return "failed";
  return failed > 0 ? "failed" : "all";
}

/**
 * The job's failed count, read from the query cache without a query of its own: the table renders outside
 * the page's prefetch (its HydrationBoundary), and a `useQuery` here put a pending job query in the server
 * render's cache first; the boundary then left the prefetched answer for an effect (which a server render
 * never runs), so the server drew the header's "Loading" while the browser drew the job: React's error
 * #418 on every load. The job header's own query fetches it. Until hydrated, the answer is the server's
 * (none), so the first render matches whatever reached either side.
 */
function useJobFailedCount(account: string, jobId: string): number | undefined {
  const cache = useQueryClient().getQueryCache();
  const key = batchQueries.job(account, jobId).queryKey;
  const hash = JSON.stringify(key);
  const snapshot = useCallback(() => {
    const data = cache.find({ queryKey: JSON.parse(hash) as QueryKey, exact: true })?.state.data as JobDetailResponse | undefined;
    return data?.job.taskCounts.failed;
  }, [cache, hash]);
  return useSyncExternalStore(
    useCallback((onChange) => cache.subscribe(onChange), [cache]),
    snapshot,
    () => undefined,
  );
}

/** Whether the window applies: for tasks that ended (a category, the completed state, failed or succeeded), and "all" (ended in it or not ended). */
export function windowApplies(f: ViewState, outcome: TaskOutcome | undefined): boolean {
  if (f.category !== null || f.state === "completed") return true;
  if (outcome === "failed" || outcome === "succeeded") return true;
  return outcome === "all" && f.state === null;
}

/** The API query of one page of the table. */
export function taskApiQuery(f: ViewState, outcome: TaskOutcome | undefined, pageSize: number, cursor: string | undefined): Record<string, string | number> {
  return {
    ...(f.state ? { state: f.state } : {}),
    ...(f.category ? { category: f.category } : {}),
    ...(outcome ? { outcome } : {}),
    ...(f.node ? { nodeId: f.node } : {}),
    ...(f.exitCode !== null ? { exitCode: f.exitCode } : {}),
    ...(windowApplies(f, outcome) ? windowQuery(f) : {}),
    pageSize,
    ...(cursor ? { cursor } : {}),
  };
}

/** The table's sort, from the URL (tsort, tdir); newest end first when the URL says nothing. */
export function sortingFrom(f: ViewState): SortingState {
  return [{ id: f.tsort ?? "ended", desc: f.tsort ? f.tdir === "desc" : true }];
}
