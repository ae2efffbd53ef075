import { NodeView } from "@/components/nodes/node-view";
import { PageShell } from "@/components/ui/page-shell";
import { pageAccount } from "@/lib/server/http/page-account";
import { ownerFrame } from "@/lib/links/owner";
import { decodeParams } from "@/lib/schemas/inputs";

export const dynamic = "force-dynamic";

// /{account}/pools/{poolId}/nodes/{nodeId} – one node: state since when, errors, start task, recent tasks, files.
export default async function NodePage({ params }: { params: Promise<{ account: string; poolId: string; nodeId: string }> }) {
  const raw = decodeParams(await params);
  const account = await pageAccount(raw.account);
  const { owner, ...frame } = ownerFrame(account.name, "node", { parent: raw.poolId, child: raw.nodeId });
  return (
    <PageShell account={account.name} isEmulator={account.isEmulator} {...frame}>
      {owner?.kind === "node" && <NodeView account={account.name} poolId={owner.poolId} nodeId={owner.nodeId} />}
    </PageShell>
  );
}
