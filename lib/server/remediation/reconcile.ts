import "server-only";
import type { BatchServiceClient } from "@azure/batch";
import type { AuditLog } from "@/lib/audit/log";
import { toApiError } from "@/lib/batch/errors";
import { mapLimit } from "@/lib/batch/map-limit";
import type { ServiceClock } from "@/lib/batch/request-policy";
import type { AuditRecord } from "@/lib/schemas/audit";
import { idKey } from "@/lib/schemas/ids";
import type { ActionRequest, NodeActionResult } from "@/lib/schemas/remediation";
import { recordNotSent } from "../audit/record";
import { otherAttempt } from "./claim";
import { NODE_CONCURRENCY, type Pending } from "./context";
import { isSteady } from "./remove";
import { effectVisible, storedResult } from "./retry";

export interface Reconciled {
  /** Results already known: settled records, and unsettled ones that must not be sent again yet. */
  results: NodeActionResult[];
  /** Nodes to send, in request order; a retry's unsettled record is reused. */
  toSend: Pending[];
}

/**
 * Sets what this request finds in the audit log against what it asks for. A node without a record is
 * sent; a settled record answers from the log; a record whose outcome is unknown (an attempt cut off
 * mid-call) is settled by whether the node already shows the action's effect.
 */
export async function reconcile(
  log: AuditLog,
  client: BatchServiceClient,
  clock: ServiceClock,
  input: { account: string; owner: string; poolId: string; request: ActionRequest; prior: AuditRecord[] },
): Promise<Reconciled> {
  const { account, owner, poolId, request, prior } = input;
  // A retry may spell a node in another case; it is the same node and must not be acted on twice.
  const byNode = new Map(prior.map((r) => [idKey(r.nodeId), r]));
  const results: NodeActionResult[] = new Array(request.nodeIds.length);
  const toSend: Pending[] = [];
  // Every unsettled removal asks whether the pool is steady; one read answers them all.
  let steady: Promise<boolean> | undefined;
  const poolSteady = () => (steady ??= client.pool.get(poolId, { poolGetOptions: { select: "id,allocationState" } }).then((p) => isSteady(p.allocationState)));

  await mapLimit(request.nodeIds, NODE_CONCURRENCY, async (nodeId, index) => {
    const record = byNode.get(idKey(nodeId));
    if (!record) return void toSend.push({ index, nodeId });
    if (record.outcome !== "unknown") return void (results[index] = storedResult(record, request.action));
    // Unknown: an attempt cut off mid-call (on any replica), or one still running on another. Only the
    // request that re-claims the node may judge and resend it; another waits for that one's outcome.
    if (!(await log.reclaim(account, request.operationId, nodeId, owner)))
      return void (results[index] = await otherAttempt(log, account, request.operationId, nodeId, request.action));
    // The record's time is this server's; the node's boot time is Batch's. The service clock's offset
    // puts both on Batch's clock.
    const since = Date.parse(record.time) + (clock.now() - Date.now());
    const seen = await effectVisible(client, poolId, nodeId, request.action, since, poolSteady).catch((err: unknown) => toApiError(err));
    if (seen === false) return void toSend.push({ index, nodeId, recordId: record.id });
    results[index] = await settleUnknown(log, nodeId, record.id, seen);
  });
  toSend.sort((a, b) => a.index - b.index);
  return { results, toSend };
}

/** An unknown record whose node shows the effect, or could not be checked: nothing is sent. */
async function settleUnknown(
  log: AuditLog,
  nodeId: string,
  recordId: string,
  seen: Exclude<Awaited<ReturnType<typeof effectVisible>>, false> | ReturnType<typeof toApiError>,
): Promise<NodeActionResult> {
  if (seen === "poolResizing") {
    const message =
      "The pool is resizing, which the earlier attempt of this removal may have started (a removal waiting for its tasks shows nothing on the node yet).";
    return {
      nodeId,
      outcome: "failed",
      recordId,
      error: { kind: "conflict", status: 409, code: "PoolBeingResized", message },
      explanation: `${message} Nothing was sent, so the node is never removed twice; try again once the pool is steady.`,
    };
  }
  if (seen === true) {
    await recordNotSent(log, recordId, "alreadyDone");
    return {
      nodeId,
      outcome: "alreadyDone",
      recordId,
      explanation: "An earlier attempt of this action reached Batch (the node shows its effect), so nothing was sent again.",
    };
  }
  // Not knowing whether the first attempt landed, sending again could act twice: say so and wait for a retry.
  return {
    nodeId,
    outcome: "failed",
    recordId,
    error: seen,
    explanation: "An earlier attempt may have reached Batch, and the node could not be read to check; nothing was sent. Try again in a moment.",
  };
}
