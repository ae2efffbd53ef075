import { heatmap } from "@/lib/batch/heatmap-reads";
import { batchRoute } from "@/lib/server/http/route";
import { heatmapQuery } from "@/lib/schemas/failures";
import { windowQuery } from "@/lib/schemas/inputs";
import { poolParams } from "@/lib/schemas/route-params";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/pools/[poolId]/heatmap?window=|from=&to=&buckets= – failures by node and time, computed here
export const GET = batchRoute({ params: poolParams, query: windowQuery.and(heatmapQuery) }, ({ account, params, query }) =>
  heatmap(account, { kind: "pool", poolId: params.poolId }, query, query.buckets),
);
