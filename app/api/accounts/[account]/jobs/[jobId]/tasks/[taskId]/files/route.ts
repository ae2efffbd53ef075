import { listFiles } from "@/lib/batch/files";
import { batchRoute } from "@/lib/server/http/route";
import { fileListQuery, taskParams } from "@/lib/schemas/route-params";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/jobs/[jobId]/tasks/[taskId]/files?recursive= – the task's files
export const GET = batchRoute({ params: taskParams, query: fileListQuery }, ({ account, params, query }) =>
  listFiles(account, { kind: "task", jobId: params.jobId, taskId: params.taskId }, query.recursive === "true"),
);
