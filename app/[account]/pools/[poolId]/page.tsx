import { Suspense } from "react";
import { HeatmapPanel } from "@/components/heatmap";
import { FailuresByCategory } from "@/components/pools/failures-by-category";
import { NodeTable } from "@/components/pools/node-table";
import { PoolHealthPanel } from "@/components/pools/pool-health";
import { PoolToolbar } from "@/components/pools/pool-toolbar";
import { PoolView } from "@/components/pools/pool-view";
import { PageShell } from "@/components/ui/page-shell";
import { SignatureList } from "@/components/signatures/signature-list";
import { pageAccount } from "@/lib/server/http/page-account";
import { paths } from "@/lib/links/paths";
import { poolKeys } from "@/lib/queries/keys";
import { batchId, decodeParams } from "@/lib/schemas/inputs";
import { Prefetched } from "../../_section/prefetched";
import { serverReads } from "../../_section/server-reads";
import { PanelSkeleton } from "../../_section/skeletons";
import { UnlessGone } from "../../_section/unless-gone";
import { pageTitle, short } from "../../_section/page-title";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle((p) => `Pool ${short(p.poolId)}`);

// /{account}/pools/{poolId} – which nodes of the pool fail tasks: verdict, heatmap, categories, nodes.
// The pool is read on the server and streamed in; every other panel starts its own read at once beside it.
export default async function PoolPage({ params }: { params: Promise<{ account: string; poolId: string }> }) {
  const raw = decodeParams(await params);
  const account = await pageAccount(raw.account);
  const poolId = batchId.safeParse(raw.poolId);
  const a = account.name;
  return (
    <PageShell
      account={a}
      isEmulator={account.isEmulator}
      crumbs={[{ href: paths.account(a), label: a }, { label: poolId.success ? `Pool ${poolId.data}` : "Pool" }]}
      ids={[["pool", raw.poolId, poolId.success]]}
      back={{ href: paths.account(a), label: `Go to account ${a}` }}
    >
      {poolId.success && (
        <>
          <Suspense fallback={<PanelSkeleton label="Pool" rows={2} />}>
            <Prefetched reads={[serverReads.pool(account, poolId.data)]}>
              <PoolView account={a} poolId={poolId.data}>
                {null}
              </PoolView>
            </Prefetched>
          </Suspense>
          <UnlessGone queryKey={poolKeys.detail(a, poolId.data)}>
            <PoolToolbar account={a} poolId={poolId.data} />
            <Suspense fallback={<PanelSkeleton label="Pool health" />}>
              <PoolHealthPanel account={a} poolId={poolId.data} />
            </Suspense>
            <Suspense fallback={<PanelSkeleton label="Heatmap" rows={8} />}>
              <HeatmapPanel account={a} scope={{ pool: poolId.data }} />
            </Suspense>
            <SignatureList account={a} scope={{ pool: poolId.data }} />
            <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
              <Suspense fallback={<PanelSkeleton label="Failures by category" />}>
                <FailuresByCategory account={a} scope={{ pool: poolId.data }} />
              </Suspense>
              <Suspense fallback={<PanelSkeleton label="Nodes" rows={6} />}>
                <NodeTable account={a} poolId={poolId.data} />
              </Suspense>
            </div>
          </UnlessGone>
        </>
      )}
    </PageShell>
  );
}
