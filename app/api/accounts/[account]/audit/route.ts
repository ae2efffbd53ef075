import { auditLog } from "@/lib/audit/open";
import { csvFileName } from "@/lib/csv";
import { accountParams } from "@/lib/schemas/route-params";
import { exportFormat } from "@/lib/schemas/inputs";
import { batchRoute } from "@/lib/server/http/route";
import { csvResponse } from "@/lib/server/http/csv-response";
import { exportAudit } from "@/lib/server/audit/export";
import { auditListQuery } from "@/lib/schemas/audit";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/audit – the account's audit records, newest first, filtered (reads the audit file only);
// with format=csv every record of the filter (bounded) as a CSV download
export const GET = batchRoute({ params: accountParams, query: auditListQuery.and(exportFormat) }, async ({ account, query }) => {
  const { format, ...q } = query;
  if (format !== "csv") return auditLog().list(account.name, q);
  const { csv, leftOut } = await exportAudit(account.name, q);
  return csvResponse(csv, csvFileName("audit", account.name), leftOut);
});
