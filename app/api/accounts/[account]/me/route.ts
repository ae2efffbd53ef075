import { accountParams, noQuery } from "@/lib/schemas/route-params";
import { batchRoute } from "@/lib/server/http/route";
import { resolveIdentity } from "@/lib/identity/resolve";
import type { MeResponse } from "@/lib/schemas/identity";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/me – who the server believes is asking, and whether they may act (no Batch call)
export const GET = batchRoute({ params: accountParams, query: noQuery }, async ({ account, request }): Promise<MeResponse> => ({
  account: account.name,
  identity: await resolveIdentity(request.headers, account.localOperator),
}));
