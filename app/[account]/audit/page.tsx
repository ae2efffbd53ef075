import { AuditLog } from "@/components/audit/audit-log";
import { PageShell } from "@/components/ui/page-shell";
import { pageAccount } from "@/lib/server/http/page-account";
import { paths } from "@/lib/links/paths";
import { pageTitle } from "../_section/page-title";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle(() => "Audit log");

// /{account}/audit – every node action taken through the dashboard: who, what, why, and Batch's answer.
export default async function AuditPage({ params }: { params: Promise<{ account: string }> }) {
  const account = await pageAccount((await params).account);
  const a = account.name;
  return (
    <PageShell account={a} isEmulator={account.isEmulator} crumbs={[{ href: paths.account(a), label: a }, { label: "Audit log" }]}>
      <AuditLog account={a} />
    </PageShell>
  );
}
