import { failureSummary } from "@/lib/batch/heatmap-reads";
import { batchRoute } from "@/lib/server/http/route";
import { windowQuery } from "@/lib/schemas/inputs";
import { jobParams } from "@/lib/schemas/route-params";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/jobs/[jobId]/failures?window=|from=&to= – failed tasks by category and exit code
export const GET = batchRoute({ params: jobParams, query: windowQuery }, ({ account, params, query }) =>
  failureSummary(account, { kind: "job", jobId: params.jobId }, query),
);
