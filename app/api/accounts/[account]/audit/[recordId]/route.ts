import { z } from "zod";
import { auditLog } from "@/lib/audit/open";
import { batchRoute, noQuery } from "@/lib/server/http/route";
import type { AuditRecordResponse } from "@/lib/schemas/audit";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const recordParams = z.object({ recordId: z.uuid("must be an audit record id") });

// GET /api/accounts/[account]/audit/[recordId] – one audit record and its evidence, readable after the node is gone
export const GET = batchRoute({ params: recordParams, query: noQuery }, async ({ account, params }): Promise<AuditRecordResponse | Response> => {
  const found = auditLog().get(account.name, params.recordId);
  if (found) return found;
  const message = `No audit record ${params.recordId} in account ${account.name}.`;
  return Response.json({ error: { kind: "notFound", status: 404, code: "AuditRecordNotFound", message } }, { status: 404 });
});
