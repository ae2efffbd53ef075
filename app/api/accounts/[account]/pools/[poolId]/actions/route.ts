import { checkActionRequest } from "@/lib/batch/action-request";
import { badInput } from "@/lib/batch/operator-request";
import { getPool } from "@/lib/batch/pools";
import { OperationReusedError, runNodeAction } from "@/lib/batch/remediation";
import { batchRoute, noQuery } from "@/lib/batch/route";
import { actionSupported } from "@/lib/remediation/availability";
import { poolParams } from "@/lib/schemas/route-params";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// POST /api/accounts/[account]/pools/[poolId]/actions – reboot, reimage, remove, disable or enable scheduling, deallocate or start nodes, audited per node
export const POST = batchRoute({ params: poolParams, query: noQuery }, async ({ account, params, request }) => {
  const checked = await checkActionRequest(request, account);
  if (!checked.ok) return checked.response;
  // A pool that does not exist is one answer (404), not one failure per node.
  const { pool } = await getPool(account, params.poolId);
  // An action this pool or API version does not have is never sent (the preview says the same).
  const supported = actionSupported(checked.request.action, pool.configuration, account.apiVersion);
  if (!supported.allowed) return badInput(`action: ${supported.reason}`).response;
  try {
    return await runNodeAction({ account, poolId: params.poolId, request: checked.request, option: checked.option, who: checked.who });
  } catch (err) {
    if (!(err instanceof OperationReusedError)) throw err;
    return Response.json({ error: { kind: "conflict", status: 409, code: "OperationIdReused", message: err.message } }, { status: 409 });
  }
});
