"use client";

import { isServer, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { batchQueries } from "@/lib/queries/batch";
import type { Query } from "@/lib/queries/keys";
import { heatmapResponse } from "@/lib/schemas/failures";

/**
 * Puts the heatmap's first answer, streamed with the page (docs/diagnosis.md "Failures first"), into the
 * query the heatmap panel reads: the panel, hydrated before or after the answer arrives, finds that query
 * already fetching and joins it instead of asking the API, so the paint no longer waits for the page to
 * hydrate before the read even starts. `query` is the panel's own query for this window (the server builds
 * it only for a relative window with no signature, the URLs whose query it can know). A read that failed
 * on the server comes as `null`: the browser then asks the API as it would have, and shows its error. The
 * answer is the API's JSON text, parsed with the route's schema as `apiFetch` parses the API's answer.
 *
 * Seeded during the first render, like TanStack's HydrationBoundary seeds new queries: before any panel's
 * mount effect could start its own request.
 */
export function FirstHeatmap({ account, pool, query, answer }: { account: string; pool: string; query: Query; answer: Promise<string | null> }) {
  const client = useQueryClient();
  useState(() => {
    if (isServer) return;
    const options = batchQueries.heatmap(account, { pool }, query);
    const ask = options.queryFn;
    if (typeof ask !== "function") return;
    const cached = client.getQueryState(options.queryKey);
    // A client-side navigation back to the page may find the query's answer (or a read) already there.
    if (cached?.data !== undefined || cached?.fetchStatus === "fetching") return;
    // The streamed promise is React's own thenable, whose `then` returns nothing: it is read once, into a promise.
    const streamed = new Promise<string | null>((resolve) => answer.then(resolve, () => resolve(null)));
    void client.prefetchQuery({ ...options, queryFn: async (ctx) => given(await streamed) ?? ask(ctx) });
  });
  return null;
}

/** The streamed JSON text as the API's answer, or null (then the browser asks the API) when it is none or not one. */
function given(text: string | null) {
  if (text === null) return null;
  try {
    const parsed = heatmapResponse.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
