import { getPool } from "@/lib/batch/pools";
import { BadRequestError } from "@/lib/errors/api-error";
import { actionSupported } from "@/lib/remediation/availability";
import { noQuery, poolParams } from "@/lib/schemas/route-params";
import { parseActionRequest } from "@/lib/server/http/action-request";
import { batchRoute } from "@/lib/server/http/route";
import { runNodeAction } from "@/lib/server/remediation/run-action";
import { takeSnapshot } from "@/lib/server/snapshots/take";
import { paths } from "@/lib/links/paths";
import { metrics } from "@/lib/observability/metrics";
import { inProcessReader } from "../../../snapshots/_read-routes";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// POST /api/accounts/[account]/pools/[poolId]/actions – reboot, reimage, remove, disable or enable scheduling, deallocate or start nodes, audited per node
export const POST = batchRoute({ params: poolParams, query: noQuery }, async ({ account, params, request }) => {
  const checked = await parseActionRequest(request, account);
  // A pool that does not exist is one answer (404), not one failure per node.
  const { pool } = await getPool(account, params.poolId);
  // An action this pool or API version does not have is never sent (the preview says the same).
  const supported = actionSupported(checked.request.action, pool.configuration, account.apiVersion);
  if (!supported.allowed) throw new BadRequestError(`action: ${supported.reason}`);
  // Reimage and removal first snapshot the node (docs/snapshots.md) through the dashboard's own read routes.
  const { action, reason } = checked.request;
  const snapshotNode =
    action === "reimage" || action === "remove"
      ? async (nodeId: string) => {
          const view = paths.node(account.name, params.poolId, nodeId);
          const note = `Taken before ${action === "remove" ? "removal" : "reimage"}: ${reason}`.slice(0, 2000);
          return (await takeSnapshot({ account, view, note, author: checked.who.actor, readApi: inProcessReader(request) })).id;
        }
      : undefined;
  const answer = await runNodeAction({
    account,
    poolId: params.poolId,
    request: checked.request,
    option: checked.option,
    who: checked.who,
    ...(snapshotNode ? { snapshotNode } : {}),
  });
  for (const r of answer.results) metrics().actions.inc({ action, outcome: r.outcome });
  if (answer.resize) metrics().actions.inc({ action: "resizePool", outcome: answer.resize.outcome });
  return answer;
});
