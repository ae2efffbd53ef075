import { batchRoute } from "@/lib/server/http/route";
import { listTasks } from "@/lib/batch/tasks";
import { taskQuery } from "@/lib/schemas/inputs";
import { jobParams } from "@/lib/schemas/route-params";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/jobs/[jobId]/tasks?state=&category=&nodeId=&exitCode=&window=&from=&to=&pageSize=&cursor= – a page of tasks
export const GET = batchRoute({ params: jobParams, query: taskQuery }, ({ account, params, query }) => listTasks(account, params.jobId, query));
