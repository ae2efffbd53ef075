import { listFiles } from "@/lib/batch/files";
import { batchRoute } from "@/lib/server/http/route";
import { fileListQuery, nodeParams } from "@/lib/schemas/route-params";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/pools/[poolId]/nodes/[nodeId]/files?recursive= – the node's files
export const GET = batchRoute({ params: nodeParams, query: fileListQuery }, ({ account, params, query }) =>
  listFiles(account, { kind: "node", poolId: params.poolId, nodeId: params.nodeId }, query.recursive === "true"),
);
