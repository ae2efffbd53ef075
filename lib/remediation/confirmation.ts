import { sameId } from "@/lib/schemas/ids";
import { MIN_REASON_LENGTH, type NodeAction } from "@/lib/schemas/remediation";

/** Up to this many nodes, a non-destructive action needs no typed confirmation. */
export const CONFIRM_ABOVE_NODES = 3;

/** Actions that wipe the node's files (reimage) or the node itself (remove). */
export const DESTRUCTIVE: ReadonlySet<NodeAction> = new Set(["reimage", "remove"]);

export type Confirmation = { required: false } | { required: true; expected: string; prompt: string; what: "the node id" | "the number of nodes" };

/**
 * Destructive actions, and any action on more than a few nodes, ask the operator to type what they are
 * acting on: the node id for one node, the count for several. Typing it is the moment they read it.
 */
export function confirmationFor(action: NodeAction, nodeIds: readonly string[]): Confirmation {
  if (!DESTRUCTIVE.has(action) && nodeIds.length <= CONFIRM_ABOVE_NODES) return { required: false };
  if (nodeIds.length === 1) return { required: true, expected: nodeIds[0]!, prompt: `Type the node id ${nodeIds[0]} to confirm.`, what: "the node id" };
  return { required: true, expected: String(nodeIds.length), prompt: `Type the number of nodes, ${nodeIds.length}, to confirm.`, what: "the number of nodes" };
}

/** Whether what was typed names what the rule asks for (a node id in another case names the same node: Batch ids are case-insensitive). */
const isConfirmed = (rule: Confirmation & { required: true }, typed: string | undefined) => sameId((typed ?? "").trim(), rule.expected);

/** undefined when `confirm` satisfies the rule, else a message naming the field. */
export function checkConfirmation(action: NodeAction, nodeIds: readonly string[], confirm: string | undefined): string | undefined {
  const rule = confirmationFor(action, nodeIds);
  if (!rule.required) return undefined;
  if (isConfirmed(rule, confirm)) return undefined;
  return `confirm: ${rule.prompt}${confirm ? ` (got "${confirm.slice(0, 80)}")` : ""}`;
}

/**
 * What the dialog still needs before it can send, said beside its buttons: in a dialog whose body
 * scrolls, the reason and the confirmation may sit below the fold while the disabled button is in view.
 */
export function stillNeeded(reason: string, confirmation: Confirmation, typed: string): string | undefined {
  const missing = [
    ...(reason.trim().length < MIN_REASON_LENGTH ? [`a reason (${MIN_REASON_LENGTH} characters or more)`] : []),
    ...(confirmation.required && !isConfirmed(confirmation, typed) ? [`${confirmation.what} typed`] : []),
  ];
  return missing.length ? `To send: ${missing.join(" and ")}.` : undefined;
}
