import "server-only";
import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import type { ServerRead } from "./server-reads";

/**
 * Reads a page's main resource on the server, with the same read functions its API route calls, and hands
 * the answer to the browser's query cache: the panel shows it at once instead of fetching it again. The
 * answer goes through JSON and the route's response schema, so the cache holds what the API would have
 * sent. A failed read is not handed over (and not retried here): the browser then fetches as without a
 * prefetch and shows the error, or the "gone" panel, as usual. Meant to sit inside a Suspense boundary, so
 * the rest of the page streams and starts its own reads while this one runs.
 */
export async function Prefetched({ reads, children }: { reads: ServerRead[]; children: ReactNode }) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 5_000 } } });
  await Promise.all(
    reads.map((r) =>
      client.prefetchQuery({
        queryKey: r.queryKey,
        queryFn: async () => r.schema.parse(JSON.parse(JSON.stringify(await r.read()))),
      }),
    ),
  );
  return <HydrationBoundary state={dehydrate(client)}>{children}</HydrationBoundary>;
}
