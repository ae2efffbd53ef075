import { notFound } from "next/navigation";
import { NodeView } from "@/components/nodes/node-view";
import { BadIds } from "@/components/ui/bad-ids";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { EmulatorBanner } from "@/components/ui/emulator-banner";
import { findAccount } from "@/lib/batch/accounts";
import { accountName } from "@/lib/batch/route";
import { paths } from "@/lib/links/paths";
import { batchId } from "@/lib/schemas/inputs";

export const dynamic = "force-dynamic";

// /{account}/pools/{poolId}/nodes/{nodeId} – one node: state since when, errors, start task, recent tasks, files.
export default async function NodePage({ params }: { params: Promise<{ account: string; poolId: string; nodeId: string }> }) {
  const { account: rawAccount, poolId: rawPool, nodeId: rawNode } = await params;
  const parsed = accountName.safeParse(rawAccount);
  const account = parsed.success ? await findAccount(parsed.data) : undefined;
  if (!account) notFound();
  const poolId = batchId.safeParse(rawPool);
  const nodeId = batchId.safeParse(rawNode);
  return (
    <main className="mx-auto max-w-7xl space-y-4 px-6 py-6">
      {account.isEmulator && <EmulatorBanner />}
      <Breadcrumbs
        items={[
          { href: paths.account(account.name), label: account.name },
          poolId.success ? { href: paths.pool(account.name, poolId.data), label: `Pool ${poolId.data}` } : { label: "Pool" },
          { label: nodeId.success ? `Node ${nodeId.data}` : "Node" },
        ]}
      />
      {poolId.success && nodeId.success ? (
        <NodeView account={account.name} poolId={poolId.data} nodeId={nodeId.data} />
      ) : (
        <BadIds ids={[["pool", rawPool, poolId.success], ["node", rawNode, nodeId.success]]} parent={{ href: paths.account(account.name), label: `Go to account ${account.name}` }} />
      )}
    </main>
  );
}
