import { FilePage } from "@/components/logs/file-page";
import { PageShell } from "@/components/ui/page-shell";
import { pageAccount } from "@/lib/batch/page-account";
import { api, paths } from "@/lib/links/paths";
import { batchId, filePath, safeDecode } from "@/lib/schemas/inputs";

export const dynamic = "force-dynamic";

// /{account}/pools/{poolId}/nodes/{nodeId}/files/{path…} – one of a node's files in the log viewer.
export default async function NodeFilePage({ params }: { params: Promise<{ account: string; poolId: string; nodeId: string; path: string[] }> }) {
  const raw = await params;
  const account = await pageAccount(raw.account);
  const a = account.name;
  const poolId = batchId.safeParse(raw.poolId);
  const nodeId = batchId.safeParse(raw.nodeId);
  const rawPath = raw.path.map(safeDecode).join("/");
  const path = filePath.safeParse(rawPath);
  const ok = poolId.success && nodeId.success && path.success;
  return (
    <PageShell
      account={a}
      isEmulator={account.isEmulator}
      crumbs={[
        { href: paths.account(a), label: a },
        poolId.success ? { href: paths.pool(a, poolId.data), label: `Pool ${poolId.data}` } : { label: "Pool" },
        poolId.success && nodeId.success ? { href: paths.node(a, poolId.data, nodeId.data), label: `Node ${nodeId.data}` } : { label: "Node" },
        { label: path.success ? path.data : "File" },
      ]}
      ids={[
        ["pool", raw.poolId, poolId.success],
        ["node", raw.nodeId, nodeId.success],
        ["file path", rawPath, path.success],
      ]}
      back={poolId.success && nodeId.success ? { href: paths.node(a, poolId.data, nodeId.data), label: `Go to node ${nodeId.data}` } : { href: paths.account(a), label: `Go to account ${a}` }}
    >
      {ok && (
        <FilePage
          owner={{ kind: "node", account: a, poolId: poolId.data, nodeId: nodeId.data }}
          path={path.data}
          fileApiUrl={api.nodeFile(a, poolId.data, nodeId.data, path.data)}
          parent={{ href: paths.node(a, poolId.data, nodeId.data), label: `Go to node ${nodeId.data}` }}
        />
      )}
    </PageShell>
  );
}
