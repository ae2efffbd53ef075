import { nodeFailures } from "@/lib/batch/node-failures";
import { batchRoute } from "@/lib/server/http/route";
import { windowQuery } from "@/lib/schemas/inputs";
import { nodeParams } from "@/lib/schemas/route-params";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/pools/[poolId]/nodes/[nodeId]/failures?window=|from=&to= – the node's failed tasks in the window, newest first
export const GET = batchRoute({ params: nodeParams, query: windowQuery }, ({ account, params, query }) =>
  nodeFailures(account, params.poolId, params.nodeId, query),
);
