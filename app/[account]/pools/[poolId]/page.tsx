import { PageShell } from "@/components/ui/page-shell";
import { pageAccount } from "@/lib/server/http/page-account";
import { paths } from "@/lib/links/paths";
import { FirstHeatmap } from "@/components/heatmap/first-answer";
import { batchId, decodeParams } from "@/lib/schemas/inputs";
import { firstPoolHeatmap } from "../../_section/first-heatmap";
import { Prefetched } from "../../_section/prefetched";
import { serverReads } from "../../_section/server-reads";
import { PoolBody } from "../../_section/views";
import { pageTitle, short } from "../../_section/page-title";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle((p) => `Pool ${short(p.poolId)}`);

// /{account}/pools/{poolId} – which nodes of the pool fail tasks: verdict, heatmap, categories, nodes.
// The pool is read on the server and streamed in; so is the heatmap's first answer, which the page starts
// as it renders (the browser would ask for it only once hydrated); every other panel starts its own read
// at once beside them.
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
  const first = poolId.success ? firstPoolHeatmap(account, poolId.data, await searchParams) : undefined;
  return (
    <PageShell
      account={a}
      isEmulator={account.isEmulator}
      crumbs={[{ href: paths.account(a), label: a }, { label: poolId.success ? `Pool ${poolId.data}` : "Pool" }]}
      ids={[["pool", raw.poolId, poolId.success]]}
      back={{ href: paths.account(a), label: `Go to account ${a}` }}
    >
      {poolId.success && first && <FirstHeatmap account={a} pool={poolId.data} query={first.query} answer={first.answer} />}
      {poolId.success && (
        <PoolBody account={a} poolId={poolId.data} main={(panel) => <Prefetched reads={[serverReads.pool(account, poolId.data)]}>{panel}</Prefetched>} />
      )}
    </PageShell>
  );
}
