import { scopeProgress } from "@/lib/batch/heatmap-reads";
import { batchRoute } from "@/lib/server/http/route";
import { windowQuery } from "@/lib/schemas/inputs";
import { poolParams } from "@/lib/schemas/route-params";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/pools/[poolId]/heatmap/progress?window=|from=&to= – how far a heatmap's read has got (no Batch call)
export const GET = batchRoute({ params: poolParams, query: windowQuery }, ({ account, params, query }) =>
  scopeProgress(account, { kind: "pool", poolId: params.poolId }, query),
);
