import "server-only";
import { auditLog } from "@/lib/audit/open";
import { objectsToCsv } from "@/lib/csv";
import type { AuditListQuery, AuditRecord } from "@/lib/schemas/audit";

/** An export reads at most this many records (pages of 500 from the audit file): an incident's actions many times over. */
export const MAX_EXPORT_RECORDS = 50_000;

const COLUMNS: { header: string; value: (r: AuditRecord) => string | number | undefined }[] = [
  { header: "Time", value: (r) => r.time },
  { header: "Operation", value: (r) => r.operationId },
  { header: "Actor", value: (r) => r.actor },
  { header: "Role", value: (r) => r.role },
  { header: "Action", value: (r) => r.action },
  { header: "Option", value: (r) => r.option },
  { header: "Pool", value: (r) => r.poolId },
  { header: "Node", value: (r) => r.nodeId },
  { header: "User", value: (r) => r.userName },
  // Reasons and tickets are typed by operators: the CSV writer guards cells a spreadsheet would run.
  { header: "Reason", value: (r) => r.reason },
  { header: "Ticket", value: (r) => r.ticket },
  { header: "Outcome", value: (r) => r.outcome },
  { header: "Outcome time", value: (r) => r.outcomeTime },
  { header: "Error code", value: (r) => r.error?.code },
  { header: "Error message", value: (r) => r.error?.message },
  { header: "Request id", value: (r) => r.requestId ?? r.error?.requestId },
  { header: "Record", value: (r) => r.id },
];

/** The filter's records, newest first, every page up to the bound, as CSV; `leftOut` when more matched. */
export async function exportAudit(account: string, q: AuditListQuery): Promise<{ csv: string; leftOut: boolean }> {
  const records: AuditRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await auditLog().list(account, { ...q, limit: 500, ...(cursor ? { cursor } : {}) });
    records.push(...page.records);
    cursor = page.nextCursor;
  } while (cursor && records.length < MAX_EXPORT_RECORDS);
  return { csv: objectsToCsv(COLUMNS, records.slice(0, MAX_EXPORT_RECORDS)), leftOut: Boolean(cursor) || records.length > MAX_EXPORT_RECORDS };
}
