import { fileContentResponse } from "@/lib/batch/file-route";
import { batchRoute } from "@/lib/batch/route";
import { fileReadQuery } from "@/lib/schemas/inputs";
import { taskFileParams } from "@/lib/schemas/route-params";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/jobs/[jobId]/tasks/[taskId]/files/[...path]?offset=&length=&properties= – bytes (tail by default) or properties
export const GET = batchRoute({ params: taskFileParams, query: fileReadQuery }, ({ account, params, query }) =>
  fileContentResponse(account, { kind: "task", jobId: params.jobId, taskId: params.taskId }, params.path, query),
);
