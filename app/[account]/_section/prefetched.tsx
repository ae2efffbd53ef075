import "server-only";
import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import type { ServerRead } from "./server-reads";

/** Long enough for a healthy Batch read (tens to hundreds of ms), short enough not to hold a page back. */
const PREFETCH_BUDGET_MS = 1_000;

/**
 * Reads a page's main resource on the server, with the same read functions its API route calls, and hands
 * the answer to the browser's query cache: the panel shows it at once instead of fetching it again. The
 * answer goes through JSON and the route's response schema, so the cache holds what the API would have
 * sent. A failed read is not handed over (and not retried here): the browser then fetches as without a
 * prefetch and shows the error, or the "gone" panel, as usual.
 *
 * The wait is bounded by `budgetMs`: what this wraps is streamed only once it ends, and the panels inside
 * start their own reads only once they have arrived and hydrated, so a slow Batch read must not hold them
 * back. A read still running then is left to the browser, whose request joins it in the server's read cache.
 */
export async function Prefetched({ reads, budgetMs = PREFETCH_BUDGET_MS, children }: { reads: ServerRead[]; budgetMs?: number; children: ReactNode }) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 5_000 } } });
  const all = Promise.all(
    reads.map((r) =>
      client.prefetchQuery({
        queryKey: r.queryKey,
        queryFn: async () => r.schema.parse(JSON.parse(JSON.stringify(await r.read()))),
      }),
    ),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([all, new Promise<void>((resolve) => (timer = setTimeout(resolve, budgetMs)))]);
  clearTimeout(timer);
  // Not marked stale: the page reads through the same per-process read cache as the API routes
  // (lib/batch/client.ts), which an action invalidates, so the browser need not confirm what it was handed.
  const state = dehydrate(client);
  return <HydrationBoundary state={state}>{children}</HydrationBoundary>;
}
