import { scopeProgress } from "@/lib/batch/heatmap-reads";
import { batchRoute } from "@/lib/server/http/route";
import { windowQuery } from "@/lib/schemas/inputs";
import { jobParams } from "@/lib/schemas/route-params";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/jobs/[jobId]/heatmap/progress?window=|from=&to= – how far a heatmap's read has got (no Batch call)
export const GET = batchRoute({ params: jobParams, query: windowQuery }, ({ account, params, query }) =>
  scopeProgress(account, { kind: "job", jobId: params.jobId }, query),
);
