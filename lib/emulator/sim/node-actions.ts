import { BatchServiceError, Errors } from "../errors";
import type { NodeRecord, NodeState, PoolRecord, TaskAction } from "../model/types";
import type { SimContext } from "./context";
import { act, bootNode, setNodeState } from "./node-lifecycle";

/**
 * What an operator asks of a node (reboot, reimage, deallocate, start, scheduling): each checks the node's
 * state and pool as the service does, refuses with its 409, and hands the rest to the node's lifecycle.
 */

/** The states an action may start from, and the 409 code Batch gives for the others (the service's 409 codes for node actions). */
function refuseForState(node: NodeRecord): BatchServiceError | undefined {
  const state = node.wire.state;
  const codes: Partial<Record<NodeState, string>> = {
    rebooting: "NodeBeingRebooted",
    reimaging: "NodeBeingReimaged",
    creating: "NodeBeingCreated",
    starting: "NodeBeingStarted",
    waitingforstarttask: "NodeBeingStarted",
    leavingpool: "OperationInvalidForCurrentState",
    unknown: "OperationInvalidForCurrentState",
    preempted: "OperationInvalidForCurrentState",
    upgradingos: "OperationInvalidForCurrentState",
    deallocating: "OperationInvalidForCurrentState",
    deallocated: "OperationInvalidForCurrentState",
  };
  const code = codes[state];
  return code ? Errors.nodeState(code, state) : undefined;
}

export function rebootNode(ctx: SimContext, pool: PoolRecord, node: NodeRecord, option: TaskAction): void {
  const refusal = refuseForState(node);
  if (refusal) throw refusal;
  act(ctx, node, "reboot", option);
}

/** `virtualMachines`: the request's version reimages virtual-machine nodes too (2025-06-01). */
export function reimageNode(ctx: SimContext, pool: PoolRecord, node: NodeRecord, option: TaskAction, virtualMachines: boolean): void {
  if (!pool.wire.cloudServiceConfiguration && !virtualMachines) {
    throw Errors.operationNotValidOnNode("Operation reimage can be invoked only on pools created with cloudServiceConfiguration");
  }
  const refusal = refuseForState(node);
  if (refusal) throw refusal;
  act(ctx, node, "reimage", option);
}

/** "You can deallocate a Compute Node only if it is in an idle or running state" (2025-06-01, deallocateNode). */
export function deallocateNode(ctx: SimContext, pool: PoolRecord, node: NodeRecord, option: TaskAction): void {
  if (pool.wire.cloudServiceConfiguration) throw Errors.operationNotValidOnNode("Only nodes of virtual-machine pools can be deallocated.");
  const state = node.wire.state;
  if (state !== "idle" && state !== "running") throw refuseForState(node) ?? Errors.nodeState("OperationInvalidForCurrentState", state);
  act(ctx, node, "deallocate", option);
}

/** "You can start a Compute Node only if it has been deallocated" (2025-06-01, startNode): then it boots. */
export function startNode(ctx: SimContext, pool: PoolRecord, node: NodeRecord): void {
  if (pool.wire.cloudServiceConfiguration) throw Errors.operationNotValidOnNode("Only nodes of virtual-machine pools can be started.");
  if (node.wire.state !== "deallocated") throw Errors.nodeState("OperationInvalidForCurrentState", node.wire.state);
  bootNode(ctx, pool, node, "deallocated");
}

export function disableScheduling(ctx: SimContext, node: NodeRecord, option: TaskAction): void {
  if (node.wire.schedulingState === "disabled") throw Errors.nodeAlreadyInTargetSchedulingState("disabled");
  node.wire.schedulingState = "disabled";
  act(ctx, node, "disable", option);
}

export function enableScheduling(ctx: SimContext, node: NodeRecord): void {
  if (node.wire.schedulingState === "enabled") throw Errors.nodeAlreadyInTargetSchedulingState("enabled");
  node.wire.schedulingState = "enabled";
  if (node.wire.state === "offline") setNodeState(ctx, node, "idle");
  ctx.kick();
}
