import { cellTasks } from "@/lib/batch/heatmap-reads";
import { batchRoute } from "@/lib/server/http/route";
import { cellTasksQuery } from "@/lib/schemas/failures";
import { windowQuery } from "@/lib/schemas/inputs";
import { jobParams } from "@/lib/schemas/route-params";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/jobs/[jobId]/heatmap/cell?window=|from=&to=&nodeId=&cellFrom=&cellTo= – the failed tasks behind one cell, by category
export const GET = batchRoute({ params: jobParams, query: windowQuery.and(cellTasksQuery) }, ({ account, params, query }) =>
  cellTasks(account, { kind: "job", jobId: params.jobId }, query, query),
);
