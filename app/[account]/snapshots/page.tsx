import { SnapshotList } from "@/components/snapshots/snapshot-list";
import { PageShell } from "@/components/ui/page-shell";
import { pageAccount } from "@/lib/server/http/page-account";
import { paths } from "@/lib/links/paths";
import { pageTitle } from "../_section/page-title";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle(() => "Snapshots");

// /{account}/snapshots – the views frozen as evidence, newest first, filtered by pool, job and author.
export default async function SnapshotsPage({ params }: { params: Promise<{ account: string }> }) {
  const account = await pageAccount((await params).account);
  const a = account.name;
  return (
    <PageShell account={a} isEmulator={account.isEmulator} crumbs={[{ href: paths.account(a), label: a }, { label: "Snapshots" }]}>
      <SnapshotList account={a} />
    </PageShell>
  );
}
