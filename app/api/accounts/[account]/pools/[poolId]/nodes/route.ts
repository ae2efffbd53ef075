import { listNodes } from "@/lib/batch/nodes";
import { batchRoute } from "@/lib/server/http/route";
import { noQuery, poolParams } from "@/lib/schemas/route-params";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/pools/[poolId]/nodes – the pool's nodes
export const GET = batchRoute({ params: poolParams, query: noQuery }, ({ account, params }) => listNodes(account, params.poolId));
