import { Badge, type BadgeTone } from "@/components/ui/badge";
import { outcomeText } from "@/lib/display/audit";
import { ACTION_LABELS } from "@/lib/remediation";
import type { AuditRecord } from "@/lib/schemas/audit";

const OUTCOME_TONE: Record<AuditRecord["outcome"], BadgeTone> = {
  accepted: "good",
  alreadyDone: "info",
  skipped: "warn",
  failed: "bad",
  unknown: "neutral",
};

export function OutcomeBadge({ outcome }: { outcome: AuditRecord["outcome"] }) {
  return <Badge tone={OUTCOME_TONE[outcome]}>{outcomeText(outcome)}</Badge>;
}

export function actionText(r: Pick<AuditRecord, "action" | "option" | "userName">): string {
  const label =
    r.action in ACTION_LABELS ? ACTION_LABELS[r.action as keyof typeof ACTION_LABELS] : r.action === "addUser" ? "Add node user" : "Delete node user";
  return `${label}${r.option ? ` (${r.option})` : ""}${r.userName ? ` ${r.userName}` : ""}`;
}
