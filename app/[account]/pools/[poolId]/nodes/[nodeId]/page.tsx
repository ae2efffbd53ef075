import { NodeView } from "@/components/nodes/node-view";
import { PageShell } from "@/components/ui/page-shell";
import { pageAccount } from "@/lib/batch/page-account";
import { paths } from "@/lib/links/paths";
import { batchId } from "@/lib/schemas/inputs";

export const dynamic = "force-dynamic";

// /{account}/pools/{poolId}/nodes/{nodeId} – one node: state since when, errors, start task, recent tasks, files.
export default async function NodePage({ params }: { params: Promise<{ account: string; poolId: string; nodeId: string }> }) {
  const raw = await params;
  const account = await pageAccount(raw.account);
  const poolId = batchId.safeParse(raw.poolId);
  const nodeId = batchId.safeParse(raw.nodeId);
  const a = account.name;
  return (
    <PageShell
      account={a}
      isEmulator={account.isEmulator}
      crumbs={[
        { href: paths.account(a), label: a },
        poolId.success ? { href: paths.pool(a, poolId.data), label: `Pool ${poolId.data}` } : { label: "Pool" },
        { label: nodeId.success ? `Node ${nodeId.data}` : "Node" },
      ]}
      ids={[
        ["pool", raw.poolId, poolId.success],
        ["node", raw.nodeId, nodeId.success],
      ]}
      back={{ href: paths.account(a), label: `Go to account ${a}` }}
    >
      {poolId.success && nodeId.success && <NodeView account={a} poolId={poolId.data} nodeId={nodeId.data} />}
    </PageShell>
  );
}
