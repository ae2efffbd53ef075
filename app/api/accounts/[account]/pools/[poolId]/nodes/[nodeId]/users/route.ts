import { connectRequest } from "@/lib/schemas/connect";
import { noQuery, nodeParams } from "@/lib/schemas/route-params";
import { createNodeUser, listNodeUsers } from "@/lib/server/connect/node-users";
import { parseOperatorJson } from "@/lib/server/http/operator-request";
import { batchRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/pools/[poolId]/nodes/[nodeId]/users – the temporary users the dashboard added, expired or not by the service clock
export const GET = batchRoute({ params: nodeParams, query: noQuery }, ({ account, params }) => listNodeUsers(account, params.poolId, params.nodeId));

// POST /api/accounts/[account]/pools/[poolId]/nodes/[nodeId]/users – Connect: a temporary user (SSH key or generated password), audited
export const POST = batchRoute({ params: nodeParams, query: noQuery }, async ({ account, params, request }) => {
  const { body, who } = await parseOperatorJson(request, account, connectRequest);
  return createNodeUser({ account, poolId: params.poolId, nodeId: params.nodeId, who, request: body });
});
