import { nodeRdpFile } from "@/lib/batch/node-users";
import { refuseUnlessOperator } from "@/lib/batch/operator-request";
import { batchRoute, noQuery } from "@/lib/batch/route";
import { nodeParams } from "@/lib/schemas/route-params";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/accounts/[account]/pools/[poolId]/nodes/[nodeId]/rdp – the node's RDP file as a download (cloud-service pools, operator only)
export const GET = batchRoute({ params: nodeParams, query: noQuery }, async ({ account, params, request }) => {
  const operator = refuseUnlessOperator(request, account);
  if (!operator.ok) return operator.response;
  return nodeRdpFile(account, params.poolId, params.nodeId);
});
