import { sameId } from "@/lib/schemas/ids";
import type { NodeAction } from "@/lib/schemas/remediation";

/** Up to this many nodes, a non-destructive action needs no typed confirmation. */
export const CONFIRM_ABOVE_NODES = 3;

/** Actions that wipe the node's files (reimage) or the node itself (remove). */
export const DESTRUCTIVE: ReadonlySet<NodeAction> = new Set(["reimage", "remove"]);

export type Confirmation = { required: false } | { required: true; expected: string; prompt: string };

/**
 * Destructive actions, and any action on more than a few nodes, ask the operator to type what they are
 * acting on: the node id for one node, the count for several. Typing it is the moment they read it.
 */
export function confirmationFor(action: NodeAction, nodeIds: readonly string[]): Confirmation {
  if (!DESTRUCTIVE.has(action) && nodeIds.length <= CONFIRM_ABOVE_NODES) return { required: false };
  if (nodeIds.length === 1) return { required: true, expected: nodeIds[0]!, prompt: `Type the node id ${nodeIds[0]} to confirm.` };
  return { required: true, expected: String(nodeIds.length), prompt: `Type the number of nodes, ${nodeIds.length}, to confirm.` };
}

/** undefined when `confirm` satisfies the rule, else a message naming the field. */
export function checkConfirmation(action: NodeAction, nodeIds: readonly string[], confirm: string | undefined): string | undefined {
  const rule = confirmationFor(action, nodeIds);
  if (!rule.required) return undefined;
  // A node id typed in another case names the same node (Batch ids are case-insensitive).
  if (sameId((confirm ?? "").trim(), rule.expected)) return undefined;
  return `confirm: ${rule.prompt}${confirm ? ` (got "${confirm.slice(0, 80)}")` : ""}`;
}
