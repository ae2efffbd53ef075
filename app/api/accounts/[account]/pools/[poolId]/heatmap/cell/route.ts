import { cellTasks } from "@/lib/batch/heatmap-reads";
import { batchRoute } from "@/lib/server/http/route";
import { cellTasksQuery } from "@/lib/schemas/failures";
import { windowQuery } from "@/lib/schemas/inputs";
import { poolParams } from "@/lib/schemas/route-params";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/pools/[poolId]/heatmap/cell?window=|from=&to=&nodeId=&cellFrom=&cellTo= – the failed tasks behind one cell, by category
export const GET = batchRoute({ params: poolParams, query: windowQuery.and(cellTasksQuery) }, ({ account, params, query }) =>
  cellTasks(account, { kind: "pool", poolId: params.poolId }, query, query),
);
