import type { AuditRecord } from "@/lib/schemas/audit";
import type { Identity } from "@/lib/schemas/identity";
import type { ActionRequest, NodeAction, PreviewNode, PreviewResponse, ResizeResult, TaskOption } from "@/lib/schemas/remediation";
import { targetsText } from "@/lib/remediation/capacity";

/**
 * What the action bar and the dialog show about an action, computed from the preview route's answer and
 * the operator's identity. Pure, so every disabled button and every excluded node is explained by a test.
 * The rules themselves (options, sentences, confirmation) are lib/remediation's, shared with the server.
 */

/** Who the dashboard believes the operator is, in one line: what the buttons will let them do. */
export function identityLine(identity: Identity): string {
  if (identity.source === "local") return "Local operator — no sign-in configured";
  if (identity.source === "none") return `Actions refused: ${identity.actionsRefused ?? "no identity source is configured for this account"}`;
  return `Signed in as ${identity.actor} · ${identity.role}`;
}

/**
 * Why this identity may not act at all, or undefined when it may. A viewer is told the one thing that
 * would change it; with no identity source, the server's own explanation is all there is.
 */
export function refusal(identity: Identity | undefined): string | undefined {
  if (!identity) return undefined;
  if (identity.source === "none") return identity.actionsRefused ?? "No identity source is configured: actions are refused.";
  if (identity.role !== "operator") return "Operator role needed";
  return identity.actionsRefused;
}

export interface ExcludedNode {
  nodeId: string;
  reason: string;
}

/** The selected nodes the action can be sent to, and the others with why not (they are left out). */
export function splitByAvailability(nodes: readonly PreviewNode[], action: NodeAction): { eligible: PreviewNode[]; excluded: ExcludedNode[] } {
  const eligible: PreviewNode[] = [];
  const excluded: ExcludedNode[] = [];
  for (const n of nodes) {
    const a = n.actions[action];
    if (!n.exists) excluded.push({ nodeId: n.nodeId, reason: "The node is no longer in the pool." });
    else if (a?.allowed) eligible.push(n);
    else excluded.push({ nodeId: n.nodeId, reason: a?.reason ?? "Not possible in the node's current state." });
  }
  return { eligible, excluded };
}

export interface ButtonState {
  enabled: boolean;
  /** Shown as text beside a disabled button, or as a note ("2 of 3 nodes") on an enabled one. */
  note?: string;
}

/** Whether an action's button is enabled, and the reason in words when it is not. */
export function buttonState(action: NodeAction, selected: number, identity: Identity | undefined, preview: PreviewResponse | undefined): ButtonState {
  const refused = refusal(identity);
  if (refused) return { enabled: false, note: refused };
  if (selected === 0) return { enabled: false, note: "Select nodes first" };
  if (!identity || !preview) return { enabled: false, note: "Checking what is possible…" };
  const { eligible, excluded } = splitByAvailability(preview.nodes, action);
  if (eligible.length === 0) {
    const reasons = [...new Set(excluded.map((e) => e.reason))];
    return {
      enabled: false,
      note:
        reasons.length === 1
          ? reasons[0]!
          : `Not possible for any selected node. ${reasons[0]} (and ${reasons.length - 1} other ${reasons.length === 2 ? "reason" : "reasons"})`,
    };
  }
  return excluded.length > 0 ? { enabled: true, note: `${eligible.length} of ${preview.nodes.length} nodes` } : { enabled: true };
}

/** What the operator filled in the action dialog. */
export interface ActionFields {
  option: TaskOption | undefined;
  reason: string;
  ticket: string;
  typed: string;
  /** Removal only: resize the pool back afterwards. */
  keepCapacity?: boolean;
}

/** The request the dialog sends: trimmed text, and only the fields that have a value. */
export function actionRequest(operationId: string, action: NodeAction, nodeIds: string[], f: ActionFields, confirm: boolean): ActionRequest {
  return {
    operationId,
    action,
    ...(f.option ? { option: f.option } : {}),
    nodeIds,
    reason: f.reason.trim(),
    ...(f.ticket.trim() ? { ticket: f.ticket.trim() } : {}),
    ...(confirm ? { confirm: f.typed.trim() } : {}),
    ...(action === "remove" && f.keepCapacity ? { keepCapacity: true } : {}),
  };
}

/** The keep-capacity step of a removal's result, in one sentence. */
export function resizeSentence(r: ResizeResult): string {
  const before = targetsText(r.before);
  switch (r.outcome) {
    case "accepted":
      return `Keep capacity: Batch accepted the resize back to ${targetsText(r.to ?? r.before)}; new nodes are being allocated.`;
    case "alreadyDone":
      return `Keep capacity: the pool was already resized back to ${before}.`;
    default:
      return `Keep capacity: the pool was not resized back to ${before}. ${r.explanation ?? ""}`.trim();
  }
}

/** A keep-capacity record's pool targets, for the record's page; undefined for other records. */
export function capacityFact(r: Pick<AuditRecord, "action" | "targetsBefore" | "resizeTo">): string | undefined {
  if (!r.targetsBefore) return undefined;
  const before = targetsText(r.targetsBefore);
  if (r.action === "resizePool")
    return r.resizeTo ? `Resize back to ${targetsText(r.resizeTo)} (the targets before the removal: ${before})` : `Not resized back to ${before}`;
  return `Keep capacity: the pool's target was ${before} before the removal, to be restored once the pool is steady`;
}
