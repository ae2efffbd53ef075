import { auditLog } from "@/lib/audit/open";
import { auditRecordParams, noQuery } from "@/lib/schemas/route-params";
import { batchRoute } from "@/lib/server/http/route";
import type { AuditRecordResponse } from "@/lib/schemas/audit";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/audit/[recordId] – one audit record and its evidence, readable after the node is gone
export const GET = batchRoute({ params: auditRecordParams, query: noQuery }, async ({ account, params }): Promise<AuditRecordResponse | Response> => {
  const found = await auditLog().get(account.name, params.recordId);
  if (found) return found;
  const message = `No audit record ${params.recordId} in account ${account.name}.`;
  return Response.json({ error: { kind: "notFound", status: 404, code: "AuditRecordNotFound", message } }, { status: 404 });
});
