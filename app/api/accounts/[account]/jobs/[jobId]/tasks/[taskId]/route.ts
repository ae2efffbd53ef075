import { batchRoute } from "@/lib/server/http/route";
import { getTask } from "@/lib/batch/tasks";
import { noQuery, taskParams } from "@/lib/schemas/route-params";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/jobs/[jobId]/tasks/[taskId] – one task with its category, explanation and next step
export const GET = batchRoute({ params: taskParams, query: noQuery }, ({ account, params }) => getTask(account, params.jobId, params.taskId));
