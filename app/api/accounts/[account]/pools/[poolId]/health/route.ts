import { getPoolHealth } from "@/lib/batch/pool-health-read";
import { batchRoute } from "@/lib/server/http/route";
import { noQuery, poolParams } from "@/lib/schemas/route-params";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/pools/[poolId]/health – resize errors, bad nodes, start-task failures, node errors
export const GET = batchRoute({ params: poolParams, query: noQuery }, ({ account, params }) => getPoolHealth(account, params.poolId));
