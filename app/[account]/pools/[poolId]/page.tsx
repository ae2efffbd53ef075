import { notFound } from "next/navigation";
import { HeatmapPanel } from "@/components/heatmap";
import { FailuresByCategory } from "@/components/pools/failures-by-category";
import { NodeTable } from "@/components/pools/node-table";
import { PoolToolbar } from "@/components/pools/pool-toolbar";
import { PoolView } from "@/components/pools/pool-view";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { EmulatorBanner } from "@/components/ui/emulator-banner";
import { findAccount } from "@/lib/batch/accounts";
import { accountName } from "@/lib/batch/route";
import { paths } from "@/lib/links/paths";
import { batchId } from "@/lib/schemas/inputs";

export const dynamic = "force-dynamic";

// /{account}/pools/{poolId} – which nodes of the pool fail tasks: verdict, heatmap, categories, nodes.
export default async function PoolPage({ params }: { params: Promise<{ account: string; poolId: string }> }) {
  const raw = await params;
  const name = accountName.safeParse(raw.account);
  const poolId = batchId.safeParse(decodeURIComponent(raw.poolId));
  const account = name.success ? await findAccount(name.data) : undefined;
  if (!account || !poolId.success) notFound();
  return (
    <main className="mx-auto max-w-7xl space-y-4 px-6 py-6">
      {account.isEmulator && <EmulatorBanner />}
      <Breadcrumbs items={[{ href: paths.account(account.name), label: account.name }, { label: poolId.data }]} />
      <PoolView account={account.name} poolId={poolId.data}>
        <PoolToolbar account={account.name} poolId={poolId.data} />
        <HeatmapPanel account={account.name} scope={{ pool: poolId.data }} />
        <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
          <FailuresByCategory account={account.name} scope={{ pool: poolId.data }} />
          <NodeTable account={account.name} poolId={poolId.data} />
        </div>
      </PoolView>
    </main>
  );
}
