import { fileContentResponse } from "@/lib/server/http/file-response";
import { batchRoute } from "@/lib/server/http/route";
import { fileReadQuery } from "@/lib/schemas/inputs";
import { taskFileParams } from "@/lib/schemas/route-params";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/jobs/[jobId]/tasks/[taskId]/files/[...path]?offset=&length= | properties | line | search&regex&case | download – bytes (tail by default), properties, where a line starts, a streamed search, or the whole file
export const GET = batchRoute({ params: taskFileParams, query: fileReadQuery }, ({ account, params, query, request }) =>
  fileContentResponse(account, { kind: "task", jobId: params.jobId, taskId: params.taskId }, params.path, query, request),
);
