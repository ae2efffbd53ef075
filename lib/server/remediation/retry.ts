import "server-only";
import type { BatchServiceClient } from "@azure/batch";
import { explainActionError } from "@/lib/remediation/explain-error";
import type { AuditRecord } from "@/lib/schemas/audit";
import type { NodeAction, NodeActionResult } from "@/lib/schemas/remediation";
import { NODE_STATES, SCHEDULING_STATES, wireDate, wireEnum } from "@/lib/schemas/wire-values";

/**
 * What a retry of an operation finds: a settled record answers from the audit log, and an attempt whose
 * outcome is unknown is judged by whether the node already shows the action's effect.
 */

/** What a retry of a settled record returns: the stored result, nothing sent. */
export function storedResult(r: AuditRecord, action: NodeAction): NodeActionResult {
  return {
    nodeId: r.nodeId,
    outcome: r.outcome === "unknown" ? "failed" : r.outcome,
    recordId: r.id,
    ...(r.requestId ? { requestId: r.requestId } : {}),
    ...(r.error ? { error: r.error } : {}),
    ...(r.error
      ? { explanation: explainActionError(action, r.error.code) }
      : r.outcome === "alreadyDone"
        ? { explanation: "An earlier attempt of this action reached Batch, so nothing was sent again." }
        : {}),
  };
}

const BOOTING = new Set(["rebooting", "starting", "waitingforstarttask"]);
const REIMAGING = new Set(["reimaging", "starting", "waitingforstarttask"]);

/**
 * Whether the node already shows the action's effect, so an attempt whose outcome is unknown must have
 * reached Batch. A reboot or reimage that has finished shows as a boot after the intent (`since`, on
 * Batch's clock). A removal waiting for its tasks (taskcompletion, retaineddata) leaves the node as it was
 * but the pool resizing: "poolResizing", which must not be read as "not sent". A reboot waiting for its
 * tasks shows nothing yet and is sent again, which Batch treats as the same request for the node.
 */
export async function effectVisible(
  client: BatchServiceClient,
  poolId: string,
  nodeId: string,
  action: NodeAction,
  since: number,
  poolSteady: () => Promise<boolean>,
): Promise<boolean | "poolResizing"> {
  let node;
  try {
    node = await client.computeNode.get(poolId, nodeId, { computeNodeGetOptions: { select: "id,state,schedulingState,lastBootTime" } });
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return action === "remove";
    throw err;
  }
  const s = wireEnum(node.state, NODE_STATES) ?? "";
  const sched = wireEnum(node.schedulingState, SCHEDULING_STATES) ?? "";
  const booted = wireDate(node.lastBootTime);
  const bootedSince = booted !== undefined && booted.getTime() > since;
  switch (action) {
    case "reboot":
      return BOOTING.has(s) || bootedSince;
    case "reimage":
      return REIMAGING.has(s) || bootedSince;
    case "disableScheduling":
      return sched === "disabled";
    case "enableScheduling":
      return sched === "enabled";
    case "deallocate":
      return s === "deallocating" || s === "deallocated";
    case "start":
      // Only a deallocated node can be started, so any other state means the start got through.
      return s !== "deallocated";
    case "remove":
      if (s === "leavingpool") return true;
      return (await poolSteady()) ? false : "poolResizing";
  }
}
