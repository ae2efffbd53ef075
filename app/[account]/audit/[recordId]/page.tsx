import { AuditRecord } from "@/components/audit/audit-record";
import { PageShell } from "@/components/ui/page-shell";
import { pageAccount } from "@/lib/server/http/page-account";
import { paths } from "@/lib/links/paths";
import { batchId } from "@/lib/schemas/inputs";
import { pageTitle, short } from "../../_section/page-title";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle((p) => `Audit record ${short(p.recordId)}`);

// /{account}/audit/{recordId} – one audit record and the evidence saved before the action.
export default async function AuditRecordPage({ params }: { params: Promise<{ account: string; recordId: string }> }) {
  const raw = await params;
  const account = await pageAccount(raw.account);
  const recordId = batchId.safeParse(raw.recordId);
  const a = account.name;
  return (
    <PageShell
      account={a}
      isEmulator={account.isEmulator}
      crumbs={[
        { href: paths.account(a), label: a },
        { href: paths.audit(a), label: "Audit log" },
        { label: recordId.success ? `Record ${recordId.data}` : "Record" },
      ]}
      ids={[["record", raw.recordId, recordId.success]]}
      back={{ href: paths.audit(a), label: "Go to the audit log" }}
    >
      {recordId.success && <AuditRecord account={a} recordId={recordId.data} />}
    </PageShell>
  );
}
