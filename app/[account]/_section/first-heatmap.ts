import "server-only";
import type { BatchAccount } from "@/lib/batch/accounts";
import { firstHeatmap } from "@/lib/batch/heatmap-first";
import { DEFAULT_WINDOW, HEATMAP_BUCKETS } from "@/lib/heatmap/window";
import type { Query } from "@/lib/queries/keys";
import { heatmapResponse, type HeatmapResponse } from "@/lib/schemas/failures";
import { windowQuery } from "@/lib/schemas/inputs";

type Search = Record<string, string | string[] | undefined>;

/**
 * The pool heatmap's first answer, started while the page renders and streamed to the browser with it
 * (components/heatmap/first-answer.tsx), under the query the panel will make for this URL: a relative
 * window (the URL's, else the default) and the browser's bucket count. A pinned window (`from`/`to`) or a
 * signature filter is left to the browser, so a link never shows another window's answer. The answer goes
 * through JSON and the route's response schema, as the API would send it; a failed read is handed over as
 * `null` (nothing of the error leaves the server), and the browser then asks the API itself.
 */
export function firstPoolHeatmap(account: BatchAccount, poolId: string, search: Search): { query: Query; answer: Promise<HeatmapResponse | null> } | undefined {
  if (search.from !== undefined || search.to !== undefined || search.sig !== undefined) return undefined;
  if (search.window !== undefined && typeof search.window !== "string") return undefined;
  const w = windowQuery.safeParse({ window: search.window });
  if (!w.success) return undefined;
  const window = w.data.window ?? DEFAULT_WINDOW;
  const answer = firstHeatmap(account, { kind: "pool", poolId }, { window }, HEATMAP_BUCKETS).then(
    (d) => heatmapResponse.parse(JSON.parse(JSON.stringify(d))),
    () => null,
  );
  return { query: { window, buckets: HEATMAP_BUCKETS }, answer };
}
