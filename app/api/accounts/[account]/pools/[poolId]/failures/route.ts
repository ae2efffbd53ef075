import { failureSummary } from "@/lib/batch/heatmap-reads";
import { batchRoute } from "@/lib/server/http/route";
import { windowQuery } from "@/lib/schemas/inputs";
import { poolParams } from "@/lib/schemas/route-params";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/pools/[poolId]/failures?window=|from=&to= – failed tasks by category and exit code
export const GET = batchRoute({ params: poolParams, query: windowQuery }, ({ account, params, query }) =>
  failureSummary(account, { kind: "pool", poolId: params.poolId }, query),
);
