import { HeatmapPanel } from "@/components/heatmap";
import { FailuresByCategory } from "@/components/pools/failures-by-category";
import { NodeTable } from "@/components/pools/node-table";
import { PoolHealthPanel } from "@/components/pools/pool-health";
import { PoolToolbar } from "@/components/pools/pool-toolbar";
import { PoolView } from "@/components/pools/pool-view";
import { PageShell } from "@/components/ui/page-shell";
import { pageAccount } from "@/lib/server/http/page-account";
import { paths } from "@/lib/links/paths";
import { batchId, decodeParams } from "@/lib/schemas/inputs";

export const dynamic = "force-dynamic";

// /{account}/pools/{poolId} – which nodes of the pool fail tasks: verdict, heatmap, categories, nodes.
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
        <PoolView account={a} poolId={poolId.data}>
          <PoolToolbar account={a} poolId={poolId.data} />
          <PoolHealthPanel account={a} poolId={poolId.data} />
          <HeatmapPanel account={a} scope={{ pool: poolId.data }} />
          <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
            <FailuresByCategory account={a} scope={{ pool: poolId.data }} />
            <NodeTable account={a} poolId={poolId.data} />
          </div>
        </PoolView>
      )}
    </PageShell>
  );
}
