import { createNodeUser, listNodeUsers } from "@/lib/batch/node-users";
import { badInput, checkOperatorJson } from "@/lib/batch/operator-request";
import { batchRoute, noQuery } from "@/lib/batch/route";
import { connectRequest } from "@/lib/schemas/connect";
import { nodeParams } from "@/lib/schemas/route-params";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/pools/[poolId]/nodes/[nodeId]/users – the temporary users the dashboard added, expired or not by the service clock
export const GET = batchRoute({ params: nodeParams, query: noQuery }, ({ account, params }) => listNodeUsers(account, params.poolId, params.nodeId));

// POST /api/accounts/[account]/pools/[poolId]/nodes/[nodeId]/users – Connect: a temporary user (SSH key or generated password), audited
export const POST = batchRoute({ params: nodeParams, query: noQuery }, async ({ account, params, request }) => {
  const checked = await checkOperatorJson(request, account, connectRequest);
  if (!checked.ok) return checked.response;
  const created = await createNodeUser({ account, poolId: params.poolId, nodeId: params.nodeId, who: checked.who, request: checked.body });
  return created.ok ? created.response : badInput(created.problem).response;
});
