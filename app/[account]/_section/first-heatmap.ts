import "server-only";
import type { BatchAccount } from "@/lib/batch/accounts";
import { firstHeatmap } from "@/lib/batch/heatmap-first";
import { firstHeatmapQuery } from "@/lib/heatmap/first-query";
import type { Query } from "@/lib/queries/keys";

type Search = Record<string, string | string[] | undefined>;

/**
 * The pool heatmap's first answer, started while the page renders and streamed to the browser with it
 * (components/heatmap/first-answer.tsx), under the query the panel will make for this URL
 * (`firstHeatmapQuery`: none for a pinned window or a signature filter, left to the browser). The answer goes
 * as the JSON text the API would send, which the browser parses with the route's schema as it parses the API's
 * answer: as an object, React's stream format would handle it value by value on both sides, and a 24 h
 * answer on `scale` has about 250,000 of them; as text it is one. A failed read is
 * handed over as `null` (nothing of the error leaves the server), and the browser then asks the API itself.
 */
export function firstPoolHeatmap(account: BatchAccount, poolId: string, search: Search): { query: Query; answer: Promise<string | null> } | undefined {
  const query = firstHeatmapQuery(search);
  if (!query) return undefined;
  const answer = firstHeatmap(account, { kind: "pool", poolId }, { window: query.window }, query.buckets).then(
    (d) => JSON.stringify(d),
    () => null,
  );
  return { query, answer };
}
