import type { AuditRecord } from "@/lib/schemas/audit";

export interface AuditOperation {
  operationId: string;
  /** The first record's time: when the operation started. */
  time: string;
  actor: string;
  poolId: string;
  reason: string;
  ticket?: string;
  records: AuditRecord[];
  /** How many nodes came out each way, most first. */
  outcomes: [AuditRecord["outcome"], number][];
}

/**
 * Records grouped by operation, in the order the newest record of each was listed (the log lists newest
 * first), nodes of an operation in the order recorded. Records of one operation share actor, pool, reason
 * and ticket (one request made them all); the first record's are shown.
 */
export function auditOperations(records: readonly AuditRecord[]): AuditOperation[] {
  const byOp = new Map<string, AuditRecord[]>();
  for (const r of records) {
    const list = byOp.get(r.operationId);
    if (list) list.push(r);
    else byOp.set(r.operationId, [r]);
  }
  return [...byOp.entries()].map(([operationId, list]) => {
    const inOrder = [...list].sort((a, b) => a.time.localeCompare(b.time));
    const first = inOrder[0]!;
    const counts = new Map<AuditRecord["outcome"], number>();
    for (const r of inOrder) counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
    return {
      operationId,
      time: first.time,
      actor: first.actor,
      poolId: first.poolId,
      reason: first.reason,
      ...(first.ticket ? { ticket: first.ticket } : {}),
      records: inOrder,
      outcomes: [...counts.entries()].sort((a, b) => b[1] - a[1]),
    };
  });
}
