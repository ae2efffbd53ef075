import { PageShell } from "@/components/ui/page-shell";
import { pageAccount } from "@/lib/server/http/page-account";
import { ownerFrame } from "@/lib/links/owner";
import { decodeParams } from "@/lib/schemas/inputs";
import { Prefetched } from "../../../../_section/prefetched";
import { serverReads } from "../../../../_section/server-reads";
import { NodeBody } from "../../../../_section/views";
import { pageTitle, short } from "../../../../_section/page-title";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle((p) => `Node ${short(p.nodeId)} · ${short(p.poolId)}`);

// /{account}/pools/{poolId}/nodes/{nodeId} – one node: state since when, errors, start task, recent tasks, files.
// The node is read on the server and streamed in; the reads of its other panels start at once beside it.
export default async function NodePage({ params }: { params: Promise<{ account: string; poolId: string; nodeId: string }> }) {
  const raw = decodeParams(await params);
  const account = await pageAccount(raw.account);
  const { owner, ...frame } = ownerFrame(account.name, "node", { parent: raw.poolId, child: raw.nodeId });
  return (
    <PageShell account={account.name} isEmulator={account.isEmulator} {...frame}>
      {owner?.kind === "node" && (
        <NodeBody
          account={account.name}
          poolId={owner.poolId}
          nodeId={owner.nodeId}
          main={(panel) => <Prefetched reads={[serverReads.node(account, owner.poolId, owner.nodeId)]}>{panel}</Prefetched>}
        />
      )}
    </PageShell>
  );
}
