"use client";

import { useQuery } from "@tanstack/react-query";
import { useQueryStates } from "nuqs";
import { useSyncExternalStore } from "react";
import type { SortingState } from "@tanstack/react-table";
import { jobViewParams, windowQuery } from "@/lib/links/view-params";
import { batchQueries } from "@/lib/queries/batch";
import type { TASK_OUTCOMES } from "@/lib/schemas/inputs";

export type TaskOutcome = (typeof TASK_OUTCOMES)[number];
type ViewState = ReturnType<typeof useQueryStates<typeof jobViewParams>>[0];

/**
 * The outcome the table shows: the URL's, else failed (what the operator came for), or all once the job's
 * counts say it has no failures. Failed is the answer until then, so the table's read starts with the
 * page's other reads instead of waiting for the job (a job of no failures then reads its tasks twice).
 */
export function useTaskOutcome(account: string, jobId: string, chosen: TaskOutcome | null): TaskOutcome {
  const { data } = useQuery(batchQueries.job(account, jobId));
  // The job's counts may reach the server's render and not yet the browser's first (hydrating) one, which
  // must render the same: the switch to "all" waits until hydrated.
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  if (chosen) return chosen;
  if (!data || !hydrated) return "failed";
  return data.job.taskCounts.failed > 0 ? "failed" : "all";
}

const noSubscription = () => () => {};

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
