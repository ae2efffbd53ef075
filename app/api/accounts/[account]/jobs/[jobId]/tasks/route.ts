import { batchRoute } from "@/lib/server/http/route";
import { csvResponse } from "@/lib/server/http/csv-response";
import { exportTasks } from "@/lib/batch/task-export";
import { listTasks } from "@/lib/batch/tasks";
import { csvFileName } from "@/lib/csv";
import { exportFormat, taskQuery } from "@/lib/schemas/inputs";
import { jobParams } from "@/lib/schemas/route-params";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/jobs/[jobId]/tasks?state=&category=&outcome=&nodeId=&exitCode=&window=&from=&to=&pageSize=&cursor=&format=
// – a page of tasks, or with format=csv every page of the filter (bounded) as a CSV download
export const GET = batchRoute({ params: jobParams, query: taskQuery.and(exportFormat) }, async ({ account, params, query }) => {
  if (query.format !== "csv") return listTasks(account, params.jobId, query);
  const { csv, leftOut } = await exportTasks(account, params.jobId, query);
  return csvResponse(csv, csvFileName("tasks", params.jobId, query.outcome ?? "all"), leftOut);
});
