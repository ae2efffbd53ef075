import type { NodeAction } from "@/lib/schemas/remediation";
import { ACTION_LABELS } from "./options";

const label = (action: NodeAction) => ACTION_LABELS[action].toLowerCase();

/**
 * Batch's refusal of a node action, in words an operator on call acts on. Batch's code and message are
 * always shown beside this; an unknown code still gets a sentence, never nothing.
 */
export function explainActionError(action: NodeAction, code: string | undefined): string {
  switch (code) {
    case "OperationNotValidOnNode":
      return action === "reimage"
        ? "Batch did not reimage this virtual-machine node (before API 2025-06-01 only cloud-service nodes can be reimaged). " +
            "Remove the node instead, with keep capacity ticked so the pool is resized back (it does not grow back by itself)."
        : `Batch says ${label(action)} is not valid on this node.`;
    case "NodeAlreadyInTargetSchedulingState":
      return action === "enableScheduling"
        ? "Scheduling was already enabled on this node: nothing to do."
        : "Scheduling was already disabled on this node: nothing to do.";
    case "PoolBeingResized":
    case "PoolNotSteady":
      return "The pool is resizing; Batch removes nodes only when the pool is steady. Try again when the resize ends.";
    case "PoolBeingDeleted":
      return "The pool is being deleted.";
    case "NodeBeingRebooted":
      return "The node is already rebooting; wait until it is back.";
    case "NodeBeingReimaged":
      return "The node is already being reimaged; wait until it is back.";
    case "NodeBeingCreated":
      return "The node is still being created.";
    case "NodeBeingStarted":
      return "The node is starting up (or running its start task); wait until it is idle.";
    case "NodeStateUnusable":
      return `The node is unusable, and Batch refused to ${label(action)} it; remove it from the pool instead.`;
    case "OperationInvalidForCurrentState":
      return action === "start"
        ? "Batch starts only deallocated nodes, and this one is not deallocated."
        : `Batch cannot ${label(action)} the node in its current state (leaving the pool, preempted, unknown or deallocated).`;
    case "InvalidUri":
      return `This Batch API version has no ${label(action)} operation.`;
    case "NodeNotFound":
      return "The node is no longer in the pool.";
    case "PoolNotFound":
      return "The pool no longer exists.";
    case "InvalidPropertyValue":
      return action === "remove" ? "Batch refused the list of nodes: one of them is not in the pool any more." : "Batch refused a value of the request.";
    case "TooManyRequests":
      return "Batch is throttling this account; nothing was done. Try again in a little while.";
    case "ServerBusy":
    case "InternalError":
      return "Batch had a problem of its own; nothing may have been done. Check the node's state before trying again.";
    case "AuthenticationFailed":
    case "InsufficientPermissions":
    case "AuthorizationFailure":
      return "The dashboard's credential is not allowed to act on this account.";
    default:
      return code ? `Batch refused to ${label(action)} the node (${code}).` : `The ${label(action)} did not reach Batch, or Batch gave no reason.`;
  }
}
