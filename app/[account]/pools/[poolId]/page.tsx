import { PageShell } from "@/components/ui/page-shell";
import { pageAccount } from "@/lib/server/http/page-account";
import { paths } from "@/lib/links/paths";
import type { BatchAccount } from "@/lib/batch/accounts";
import { firstHeatmap } from "@/lib/batch/heatmap-first";
import { HEATMAP_BUCKETS } from "@/lib/heatmap/window";
import { batchId, decodeParams, windowQuery } from "@/lib/schemas/inputs";
import { Prefetched } from "../../_section/prefetched";
import { serverReads } from "../../_section/server-reads";
import { PoolBody } from "../../_section/views";
import { pageTitle, short } from "../../_section/page-title";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle((p) => `Pool ${short(p.poolId)}`);

// /{account}/pools/{poolId} – which nodes of the pool fail tasks: verdict, heatmap, categories, nodes.
// The pool is read on the server and streamed in; every other panel starts its own read at once beside it.
export default async function PoolPage({
  params,
  searchParams,
}: {
  params: Promise<{ account: string; poolId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = decodeParams(await params);
  const account = await pageAccount(raw.account);
  const poolId = batchId.safeParse(raw.poolId);
  const a = account.name;
  if (poolId.success) startHeatmap(account, poolId.data, await searchParams);
  return (
    <PageShell
      account={a}
      isEmulator={account.isEmulator}
      crumbs={[{ href: paths.account(a), label: a }, { label: poolId.success ? `Pool ${poolId.data}` : "Pool" }]}
      ids={[["pool", raw.poolId, poolId.success]]}
      back={{ href: paths.account(a), label: `Go to account ${a}` }}
    >
      {poolId.success && (
        <PoolBody account={a} poolId={poolId.data} main={(panel) => <Prefetched reads={[serverReads.pool(account, poolId.data)]}>{panel}</Prefetched>} />
      )}
    </PageShell>
  );
}

/**
 * Starts the heatmap's first answer while the page renders, without waiting for it: the browser asks
 * for it only once the page has hydrated, seconds later under latency, and then finds the failures read
 * (and the full read behind it) under way or done, so the paint waits for less (docs/diagnosis.md
 * "Failures first"). Only a relative window with no signature filter: what the browser will ask for.
 */
function startHeatmap(account: BatchAccount, poolId: string, search: Record<string, string | string[] | undefined>) {
  if (search.from !== undefined || search.to !== undefined || search.sig !== undefined) return;
  const w = windowQuery.safeParse({ window: typeof search.window === "string" ? search.window : undefined });
  if (w.success) firstHeatmap(account, { kind: "pool", poolId }, w.data, HEATMAP_BUCKETS).catch(() => undefined);
}
