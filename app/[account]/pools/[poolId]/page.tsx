import { PageShell } from "@/components/ui/page-shell";
import { pageAccount } from "@/lib/server/http/page-account";
import { paths } from "@/lib/links/paths";
import { batchId, decodeParams } from "@/lib/schemas/inputs";
import { Prefetched } from "../../_section/prefetched";
import { serverReads } from "../../_section/server-reads";
import { PoolBody } from "../../_section/views";
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
        <PoolBody account={a} poolId={poolId.data} main={(panel) => <Prefetched reads={[serverReads.pool(account, poolId.data)]}>{panel}</Prefetched>} />
      )}
    </PageShell>
  );
}
