import { nodeDetailResponse, type NodeDetailResponse } from "@/lib/schemas/nodes";
import { ACTION_LABELS } from "@/lib/remediation";
import type { AuditAction, AuditRecord, Evidence } from "@/lib/schemas/audit";

/** Words for every kind of record, in the log's table, its filter and the record's page. */
const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  ...ACTION_LABELS,
  addUser: "Add node user",
  deleteUser: "Delete node user",
  deleteSnapshot: "Delete snapshot",
  downloadRdp: "Download RDP file",
  resizePool: "Resize pool back",
};

export function auditActionLabel(action: AuditAction): string {
  return AUDIT_ACTION_LABELS[action];
}

const OUTCOMES: Record<AuditRecord["outcome"], string> = {
  accepted: "accepted",
  alreadyDone: "already done",
  skipped: "skipped",
  failed: "failed",
  unknown: "unknown",
};

export function outcomeText(outcome: AuditRecord["outcome"]): string {
  return OUTCOMES[outcome];
}

/** What an outcome means for the node, in a sentence for the record's page. */
export function outcomeSentence(r: Pick<AuditRecord, "outcome" | "error"> & { action?: AuditAction }): string {
  switch (r.outcome) {
    case "accepted":
      return r.action === "downloadRdp" ? "Batch gave the node's RDP file, and the operator downloaded it." : "Batch accepted the action.";
    case "alreadyDone":
      return "A retry found that the first attempt had already reached Batch, so nothing was sent again.";
    case "skipped":
      return "Not sent: the server saw that it could not apply to the node as it was.";
    case "failed":
      return `Batch refused the action${r.error?.code ? ` (${r.error.code})` : ""}.`;
    case "unknown":
      return "No outcome was recorded: the call may have reached Batch when the server stopped. Check the node's state.";
  }
}

export type EvidenceNode = NodeDetailResponse["node"];

/**
 * The node as it was saved before the action, in the shape the node page shows, when it has that shape;
 * otherwise undefined and the page shows the saved JSON as text (an older record, another version).
 */
export function evidenceNode(evidence: Pick<Evidence, "node">): EvidenceNode | undefined {
  const parsed = nodeDetailResponse.shape.node.safeParse(evidence.node);
  return parsed.success ? parsed.data : undefined;
}
