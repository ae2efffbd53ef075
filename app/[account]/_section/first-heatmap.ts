import "server-only";
import type { BatchAccount } from "@/lib/batch/accounts";
import { firstHeatmap } from "@/lib/batch/heatmap-first";
import { firstHeatmapQuery } from "@/lib/heatmap/first-query";
import type { Query } from "@/lib/queries/keys";
import { heatmapResponse, type HeatmapResponse } from "@/lib/schemas/failures";

type Search = Record<string, string | string[] | undefined>;

/**
 * The pool heatmap's first answer, started while the page renders and streamed to the browser with it
 * (components/heatmap/first-answer.tsx), under the query the panel will make for this URL
 * (`firstHeatmapQuery`: none for a pinned window or a signature filter, left to the browser). The answer goes
 * through JSON and the route's response schema, as the API would send it; a failed read is handed over as
 * `null` (nothing of the error leaves the server), and the browser then asks the API itself.
 */
export function firstPoolHeatmap(account: BatchAccount, poolId: string, search: Search): { query: Query; answer: Promise<HeatmapResponse | null> } | undefined {
  const query = firstHeatmapQuery(search);
  if (!query) return undefined;
  const answer = firstHeatmap(account, { kind: "pool", poolId }, { window: query.window }, query.buckets).then(
    (d) => heatmapResponse.parse(JSON.parse(JSON.stringify(d))),
    () => null,
  );
  return { query, answer };
}
