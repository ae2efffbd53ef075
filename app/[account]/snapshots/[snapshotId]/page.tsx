import { notFound } from "next/navigation";
import { PageShell } from "@/components/ui/page-shell";
import { pageAccount } from "@/lib/server/http/page-account";
import { paths } from "@/lib/links/paths";
import { decodeParams } from "@/lib/schemas/inputs";
import { pageTitle } from "../../_section/page-title";
import { SnapshotView } from "./snapshot-view";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle(() => "Snapshot");

/** Snapshot ids are unguessable tokens (base64url); anything else cannot name one. */
const SNAPSHOT_ID = /^[A-Za-z0-9_-]{6,64}$/;

// /{account}/snapshots/{id} – a frozen view. The server reads nothing here, from Batch or the store: the
// browser loads the snapshot and renders the live view's components from its frozen answers.
export default async function SnapshotPage({ params }: { params: Promise<{ account: string; snapshotId: string }> }) {
  const raw = decodeParams(await params);
  const account = await pageAccount(raw.account);
  if (!SNAPSHOT_ID.test(raw.snapshotId)) notFound();
  const a = account.name;
  return (
    <PageShell
      account={a}
      isEmulator={account.isEmulator}
      crumbs={[{ href: paths.account(a), label: a }, { href: paths.snapshots(a), label: "Snapshots" }, { label: `Snapshot ${raw.snapshotId}` }]}
    >
      <SnapshotView account={a} id={raw.snapshotId} />
    </PageShell>
  );
}
