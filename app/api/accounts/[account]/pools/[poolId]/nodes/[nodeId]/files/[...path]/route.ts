import { fileContentResponse } from "@/lib/server/http/file-response";
import { batchRoute } from "@/lib/server/http/route";
import { fileReadQuery } from "@/lib/schemas/inputs";
import { nodeFileParams } from "@/lib/schemas/route-params";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/pools/[poolId]/nodes/[nodeId]/files/[...path]?offset=&length= | properties | line | search&regex&case | download – bytes (tail by default), properties, where a line starts, a streamed search, or the whole file
export const GET = batchRoute({ params: nodeFileParams, query: fileReadQuery }, ({ account, params, query, request }) =>
  fileContentResponse(account, { kind: "node", poolId: params.poolId, nodeId: params.nodeId }, params.path, query, request),
);
