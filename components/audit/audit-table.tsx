import Link from "next/link";
import { formatTime } from "@/lib/format";
import { paths } from "@/lib/links/paths";
import type { AuditRecordView } from "@/lib/schemas/audit";
import { ACTION_LABELS } from "@/lib/remediation";
import { outcomeText } from "@/lib/display/audit";

const OUTCOME_TONE: Record<AuditRecordView["outcome"], string> = {
  accepted: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  alreadyDone: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
  skipped: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  failed: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
  unknown: "bg-slate-200 text-slate-800 dark:bg-slate-800 dark:text-slate-200",
};

export function OutcomeBadge({ outcome }: { outcome: AuditRecordView["outcome"] }) {
  return <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${OUTCOME_TONE[outcome]}`}>{outcomeText(outcome)}</span>;
}

export function actionText(r: Pick<AuditRecordView, "action" | "option" | "userName">): string {
  const label = r.action in ACTION_LABELS ? ACTION_LABELS[r.action as keyof typeof ACTION_LABELS] : r.action === "addUser" ? "Add node user" : "Delete node user";
  return `${label}${r.option ? ` (${r.option})` : ""}${r.userName ? ` ${r.userName}` : ""}`;
}

/**
 * Audit records, newest first as the route returns them. Every value is rendered as text: reasons,
 * tickets and Batch's messages are whatever someone typed or Batch sent.
 */
export function AuditTable({ account, records, showWhere = true }: { account: string; records: AuditRecordView[]; showWhere?: boolean }) {
  const th = "px-2 py-1 text-left font-semibold";
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200 dark:border-slate-800">
      <table className="w-full text-sm" data-testid="audit-table">
        <thead className="bg-slate-50 dark:bg-slate-900">
          <tr>
            <th scope="col" className={th}>Time</th>
            <th scope="col" className={th}>Actor</th>
            <th scope="col" className={th}>Role</th>
            <th scope="col" className={th}>Action</th>
            {showWhere && <th scope="col" className={th}>Pool</th>}
            {showWhere && <th scope="col" className={th}>Node</th>}
            <th scope="col" className={th}>Reason</th>
            <th scope="col" className={th}>Ticket</th>
            <th scope="col" className={th}>Outcome</th>
            <th scope="col" className={th}>Request id</th>
            <th scope="col" className={th}>Record</th>
          </tr>
        </thead>
        <tbody>
          {records.map((r) => (
            <tr key={r.id} data-testid="audit-row" data-node-id={r.nodeId} className="border-t border-slate-200 align-top dark:border-slate-800">
              <td className="px-2 py-1 whitespace-nowrap">{formatTime(r.time)}</td>
              <td className="px-2 py-1 break-all">{r.actor}</td>
              <td className="px-2 py-1">{r.role}</td>
              <td className="px-2 py-1">{actionText(r)}</td>
              {showWhere && <td className="px-2 py-1 font-mono">{r.poolId}</td>}
              {showWhere && (
                <td className="px-2 py-1 font-mono">
                  <Link href={paths.node(account, r.poolId, r.nodeId)} className="text-blue-700 hover:underline dark:text-blue-300">
                    {r.nodeId}
                  </Link>
                </td>
              )}
              <td className="max-w-xs px-2 py-1 break-words whitespace-pre-wrap">{r.reason}</td>
              <td className="px-2 py-1 break-all">{r.ticket ?? "—"}</td>
              <td className="px-2 py-1">
                <OutcomeBadge outcome={r.outcome} />
                {r.error && <span className="block font-mono text-xs">{r.error.code ?? r.error.kind}</span>}
              </td>
              <td className="px-2 py-1 font-mono text-xs break-all">{r.requestId ?? r.error?.requestId ?? "—"}</td>
              <td className="px-2 py-1">
                <Link href={paths.auditRecord(account, r.id)} className="text-blue-700 hover:underline dark:text-blue-300" aria-label={`Record of ${actionText(r).toLowerCase()} on ${r.nodeId} at ${formatTime(r.time)}`}>
                  open{r.hasEvidence ? " · evidence" : ""}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
