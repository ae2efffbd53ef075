import { Badge, type BadgeTone } from "@/components/ui/badge";
import { auditActionLabel, outcomeText } from "@/lib/display/audit";
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
  const label = auditActionLabel(r.action);
  return `${label}${r.option ? ` (${r.option})` : ""}${r.userName ? ` ${r.userName}` : ""}`;
}
