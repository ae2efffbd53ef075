"use client";

import { useQuery } from "@tanstack/react-query";
import { useQueryStates } from "nuqs";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { Loading, Panel } from "@/components/ui/panel";
import { auditViewParams } from "@/lib/links/view-params";
import { errorInfo } from "@/lib/queries/api-fetch";
import { remediationQueries } from "@/lib/queries/remediation";
import { AUDIT_ACTIONS } from "@/lib/schemas/audit";
import { AuditTable, actionText } from "./audit-table";

const field = "rounded border border-slate-300 bg-white px-2 py-0.5 text-sm dark:border-slate-700 dark:bg-slate-900";

/** `datetime-local` speaks wall-clock time without a zone; the dashboard's times are UTC, so these are too. */
const toInput = (d: Date | null) => (d ? d.toISOString().slice(0, 16) : "");
const fromInput = (v: FormDataEntryValue | null) => (typeof v === "string" && v ? new Date(`${v}:00Z`) : null);
const text = (v: FormDataEntryValue | null) => (typeof v === "string" && v.trim() ? v.trim() : null);

/** The audit log, newest first, with its filters and page in the URL. */
export function AuditLog({ account }: { account: string }) {
  const [view, setView] = useQueryStates(auditViewParams);
  const q = useQuery(
    remediationQueries.auditList(account, {
      node: view.node,
      pool: view.pool,
      actor: view.actor,
      action: view.action,
      from: view.from?.toISOString() ?? null,
      to: view.to?.toISOString() ?? null,
      cursor: view.cursor,
    }),
  );
  const err = errorInfo(q.error);
  const formKey = JSON.stringify([view.node, view.pool, view.actor, view.action, view.from, view.to]);
  return (
    <Panel id="audit" title="Audit log" error={q.data ? err : undefined}>
      <form
        key={formKey}
        aria-label="Filter the audit log"
        className="flex flex-wrap items-end gap-3 text-sm"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          const action = text(f.get("action"));
          void setView({
            node: text(f.get("node")),
            pool: text(f.get("pool")),
            actor: text(f.get("actor")),
            action: AUDIT_ACTIONS.find((a) => a === action) ?? null,
            from: fromInput(f.get("from")),
            to: fromInput(f.get("to")),
            cursor: null,
          });
        }}
      >
        {(
          [
            ["node", "Node id"],
            ["pool", "Pool id"],
            ["actor", "Actor"],
          ] as const
        ).map(([name, label]) => (
          <label key={name} className="flex flex-col gap-0.5">
            <span>{label}</span>
            <input name={name} defaultValue={view[name] ?? ""} className={`${field} w-40 font-mono`} />
          </label>
        ))}
        <label className="flex flex-col gap-0.5">
          <span>Action</span>
          <select name="action" defaultValue={view.action ?? ""} className={field}>
            <option value="">any</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {actionText({ action: a })}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-0.5">
          <span>From (UTC)</span>
          <input type="datetime-local" name="from" defaultValue={toInput(view.from)} className={field} />
        </label>
        <label className="flex flex-col gap-0.5">
          <span>To (UTC)</span>
          <input type="datetime-local" name="to" defaultValue={toInput(view.to)} className={field} />
        </label>
        <button type="submit" className="rounded bg-slate-800 px-3 py-1 text-white hover:bg-slate-700 dark:bg-slate-200 dark:text-slate-900">
          Filter
        </button>
        <button type="button" onClick={() => void setView({ node: null, pool: null, actor: null, action: null, from: null, to: null, cursor: null })} className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
          Clear
        </button>
      </form>
      {!q.data && err && <ApiErrorBanner error={err} />}
      {q.isPending && <Loading what="the audit log" />}
      {q.data && q.data.records.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-300">No record matches{view.cursor ? " on this page" : ""}.</p>}
      {q.data && q.data.records.length > 0 && <AuditTable account={account} records={q.data.records} />}
      <nav aria-label="Audit log pages" className="flex gap-2 text-sm">
        {view.cursor && (
          <button type="button" onClick={() => void setView({ cursor: null })} className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
            ← Newest
          </button>
        )}
        {q.data?.nextCursor && (
          <button type="button" onClick={() => void setView({ cursor: q.data.nextCursor ?? null })} className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
            Older records →
          </button>
        )}
      </nav>
    </Panel>
  );
}
