import { firstHeatmap } from "@/lib/batch/heatmap-first";
import { signatureFilter } from "@/lib/batch/signatures";
import { batchRoute } from "@/lib/server/http/route";
import { heatmapQuery } from "@/lib/schemas/failures";
import { windowQuery } from "@/lib/schemas/inputs";
import { jobParams } from "@/lib/schemas/route-params";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/jobs/[jobId]/heatmap?window=|from=&to=&buckets=&signature= – failures by node and time, computed here
export const GET = batchRoute({ params: jobParams, query: windowQuery.and(heatmapQuery) }, async ({ account, params, query }) => {
  const scope = { kind: "job", jobId: params.jobId } as const;
  return firstHeatmap(account, scope, query, query.buckets, await signatureFilter(account, scope, query, query.signature));
});
