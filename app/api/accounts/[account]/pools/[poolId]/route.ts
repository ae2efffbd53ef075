import { getPool } from "@/lib/batch/pools";
import { batchRoute } from "@/lib/server/http/route";
import { noQuery, poolParams } from "@/lib/schemas/route-params";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/pools/[poolId] – one pool with node-state counts and resize errors
export const GET = batchRoute({ params: poolParams, query: noQuery }, ({ account, params }) => getPool(account, params.poolId));
