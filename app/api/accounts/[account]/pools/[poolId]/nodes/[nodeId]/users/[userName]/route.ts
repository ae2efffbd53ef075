import { removeUserRequest } from "@/lib/schemas/connect";
import { noQuery, nodeUserParams } from "@/lib/schemas/route-params";
import { removeNodeUser } from "@/lib/server/connect/node-users";
import { parseOperatorJson } from "@/lib/server/http/operator-request";
import { batchRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// DELETE /api/accounts/[account]/pools/[poolId]/nodes/[nodeId]/users/[userName] – remove a temporary user, audited
export const DELETE = batchRoute({ params: nodeUserParams, query: noQuery }, async ({ account, params, request }) => {
  const { body, who } = await parseOperatorJson(request, account, removeUserRequest);
  return removeNodeUser({ account, poolId: params.poolId, nodeId: params.nodeId, userName: params.userName, who, request: body });
});
