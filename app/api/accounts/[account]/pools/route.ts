import { listPoolSummaries } from "@/lib/batch/pools";
import { accountParams, noQuery } from "@/lib/schemas/route-params";
import { batchRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/pools – pools with node-state counts, worst first
export const GET = batchRoute({ params: accountParams, query: noQuery }, ({ account }) => listPoolSummaries(account));
