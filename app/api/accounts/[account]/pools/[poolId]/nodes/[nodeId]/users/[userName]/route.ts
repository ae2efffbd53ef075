import { z } from "zod";
import { USER_NAME_PATTERN } from "@/lib/connect/credentials";
import { removeUserRequest } from "@/lib/schemas/connect";
import { nodeParams } from "@/lib/schemas/route-params";
import { removeNodeUser } from "@/lib/server/connect/node-users";
import { parseOperatorJson } from "@/lib/server/http/operator-request";
import { batchRoute, noQuery } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Only users this dashboard made can be removed through it: never the node's own or someone's hand-made account. */
const params = nodeParams.extend({ userName: z.string().regex(USER_NAME_PATTERN, "is not a user this dashboard created (bs- and 8 letters or digits)") });

// DELETE /api/accounts/[account]/pools/[poolId]/nodes/[nodeId]/users/[userName] – remove a temporary user, audited
export const DELETE = batchRoute({ params, query: noQuery }, async ({ account, params, request }) => {
  const { body, who } = await parseOperatorJson(request, account, removeUserRequest);
  return removeNodeUser({ account, poolId: params.poolId, nodeId: params.nodeId, userName: params.userName, who, request: body });
});
