import { cellTasks } from "@/lib/batch/heatmap-first";
import { signatureFilter } from "@/lib/batch/signatures";
import { batchRoute } from "@/lib/server/http/route";
import { cellTasksQuery } from "@/lib/schemas/failures";
import { windowQuery } from "@/lib/schemas/inputs";
import { poolParams } from "@/lib/schemas/route-params";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/pools/[poolId]/heatmap/cell?window=|from=&to=&nodeId=&cellFrom=&cellTo=&signature= – the failed tasks behind one cell, by category
export const GET = batchRoute({ params: poolParams, query: windowQuery.and(cellTasksQuery) }, async ({ account, params, query }) => {
  const scope = { kind: "pool", poolId: params.poolId } as const;
  return cellTasks(account, scope, query, query, await signatureFilter(account, scope, query, query.signature));
});
