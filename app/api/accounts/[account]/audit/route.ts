import { auditLog } from "@/lib/audit/open";
import { accountParams } from "@/lib/schemas/route-params";
import { batchRoute } from "@/lib/server/http/route";
import { auditListQuery, type AuditListResponse } from "@/lib/schemas/audit";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/audit – the account's audit records, newest first, filtered (reads the audit file only)
export const GET = batchRoute({ params: accountParams, query: auditListQuery }, async ({ account, query }): Promise<AuditListResponse> =>
  auditLog().list(account.name, query),
);
