import { getNode } from "@/lib/batch/nodes";
import { batchRoute } from "@/lib/server/http/route";
import { noQuery, nodeParams } from "@/lib/schemas/route-params";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/pools/[poolId]/nodes/[nodeId] – one node: errors, start task, recent tasks
export const GET = batchRoute({ params: nodeParams, query: noQuery }, ({ account, params }) => getNode(account, params.poolId, params.nodeId));
