"use client";

import { replaceEqualDeep, useQuery, type UseQueryResult } from "@tanstack/react-query";
import { useSyncExternalStore } from "react";
import { useQueryStates } from "nuqs";
import { HEATMAP_BUCKETS } from "@/lib/heatmap/window";
import { poolViewParams, windowParams, windowQuery } from "@/lib/links/view-params";
import { batchQueries } from "@/lib/queries/batch";
import { nextRefreshMs } from "@/lib/queries/refresh";
import { useSignatureQuery } from "@/components/signatures/use-signature-param";
import type { HeatmapResponse } from "@/lib/schemas/failures";
import { shownAnswer, type ShownHeatmap } from "./shown-answer";

export type HeatmapScope = { pool: string } | { job: string };

/** The heatmap's URL state. `sel` is only meaningful on a pool, but harmless on a job page. */
export const heatmapViewParams = {
  ...windowParams,
  metric: poolViewParams.metric,
  failing: poolViewParams.failing,
  sel: poolViewParams.sel,
  cellNode: poolViewParams.cellNode,
  cellAt: poolViewParams.cellAt,
  cellTo: poolViewParams.cellTo,
};

/** The window of the URL as the API takes it (relative, or pinned from/to). */
export function useWindowQuery(): Record<string, string> {
  const [w] = useQueryStates(windowParams);
  return windowQuery(w);
}

/** How soon a first answer (rates pending, docs/diagnosis.md "Failures first") asks again for the full one. */
export const PENDING_REFETCH_MS = 1_500;

/**
 * The heatmap of a scope for the URL's window: one query, shared by the panel, the node table and the copy
 * buttons. A first answer whose rates are pending is asked for again soon, until the full answer comes,
 * even when refresh is paused: it is the rest of the same answer, not a refresh. A refresh whose answer is
 * pending keeps the last full answer on screen, marked refreshing (`shownAnswer`), and asks as often.
 */
export function useHeatmap(account: string, scope: HeatmapScope) {
  const w = useWindowQuery();
  const hydrated = useHydrated();
  const q = useQuery({
    ...batchQueries.heatmap(account, scope, { ...w, buckets: HEATMAP_BUCKETS, ...useSignatureQuery() }),
    // Applied where the cache stores an answer, so every reader of this query shows the same one.
    structuralSharing: (old: unknown, next: unknown) => replaceEqualDeep(old, shownAnswer(old as ShownHeatmap | undefined, next as HeatmapResponse)),
    refetchInterval: (query) => (waitsForRates(query.state.data) && !query.state.error ? PENDING_REFETCH_MS : nextRefreshMs(query.state.error)),
  });
  return hydrated ? q : asOnServer(q);
}

const noSubscription = () => () => {};
/** False while React hydrates the server's HTML, true from the render after it (and in any later mount). */
function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

/**
 * The query as the server renders it and the browser's hydration render repeats it: pending, not fetching.
 * In the browser the streamed first answer (first-answer.tsx) has put the query in flight, or even answered
 * it, before a panel hydrates; rendering that state during hydration drew other HTML than the server's
 * (React error 418) on reloads. The render after hydration shows the real state.
 */
function asOnServer<T extends UseQueryResult<ShownHeatmap>>(q: T): T {
  return {
    ...q,
    data: undefined,
    error: null,
    status: "pending",
    fetchStatus: "idle",
    isPending: true,
    isSuccess: false,
    isError: false,
    isFetching: false,
    isLoading: false,
    isPlaceholderData: false,
  };
}

function waitsForRates(data: ShownHeatmap | undefined): boolean {
  return Boolean(data?.ratesPending || data?.refreshing);
}
