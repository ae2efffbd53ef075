import { noQuery, nodeParams } from "@/lib/schemas/route-params";
import { nodeRdpFile } from "@/lib/server/connect/rdp";
import { requireOperator } from "@/lib/server/http/operator-request";
import { batchRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/pools/[poolId]/nodes/[nodeId]/rdp – the node's RDP file as a download (cloud-service pools, operator only, audited)
export const GET = batchRoute({ params: nodeParams, query: noQuery }, async ({ account, params, request }) => {
  const who = await requireOperator(request, account);
  return nodeRdpFile(account, params.poolId, params.nodeId, who);
});
