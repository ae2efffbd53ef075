"use client";

import { useQuery } from "@tanstack/react-query";
import { useQueryStates } from "nuqs";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { Button } from "@/components/ui/button";
import { Checkbox, Input, Select } from "@/components/ui/input";
import { linkVariants } from "@/components/ui/text-link";
import { api, withQuery } from "@/lib/links/paths";
import { Loading, Panel } from "@/components/ui/panel";
import { auditViewParams } from "@/lib/links/view-params";
import { errorInfo } from "@/lib/queries/api-fetch";
import { remediationQueries } from "@/lib/queries/remediation";
import { AUDIT_ACTIONS } from "@/lib/schemas/audit";
import { AuditGroups } from "./audit-groups";
import { AuditTable } from "./audit-table";
import { actionText } from "./audit-text";

/** `datetime-local` speaks wall-clock time without a zone; the dashboard's times are UTC, so these are too. */
const toInput = (d: Date | null) => (d ? d.toISOString().slice(0, 16) : "");
const fromInput = (v: FormDataEntryValue | null) => (typeof v === "string" && v ? new Date(`${v}:00Z`) : null);
const text = (v: FormDataEntryValue | null) => (typeof v === "string" && v.trim() ? v.trim() : null);

/** The audit log, newest first, with its filters and page in the URL. */
export function AuditLog({ account }: { account: string }) {
  const [view, setView] = useQueryStates(auditViewParams);
  const filters = {
    node: view.node,
    pool: view.pool,
    actor: view.actor,
    action: view.action,
    from: view.from?.toISOString() ?? null,
    to: view.to?.toISOString() ?? null,
  };
  const q = useQuery(remediationQueries.auditList(account, { ...filters, cursor: view.cursor }));
  const err = errorInfo(q.error);
  const formKey = JSON.stringify([view.node, view.pool, view.actor, view.action, view.from, view.to]);
  return (
    <Panel
      id="audit"
      title="Audit log"
      error={q.data ? err : undefined}
      actions={
        // Every record of the filter, not just this page: the server writes the file (it can be large).
        <a href={withQuery(api.audit(account), { ...filters, format: "csv" })} download className={linkVariants()}>
          Download CSV
        </a>
      }
    >
      <AuditFilters key={formKey} view={view} setView={setView} />
      <label className="flex items-center gap-2 text-sm">
        <Checkbox checked={view.group === "operation"} onChange={(e) => void setView({ group: e.target.checked ? "operation" : null })} />
        Group by operation
      </label>
      {!q.data && err && <ApiErrorBanner error={err} />}
      {q.isPending && <Loading what="the audit log" />}
      {q.data && q.data.records.length === 0 && (
        <p className="text-sm text-slate-600 dark:text-slate-300">No record matches{view.cursor ? " on this page" : ""}.</p>
      )}
      {q.data &&
        q.data.records.length > 0 &&
        (view.group === "operation" ? (
          <AuditGroups account={account} records={q.data.records} />
        ) : (
          <AuditTable account={account} records={q.data.records} filterable />
        ))}
      <nav aria-label="Audit log pages" className="flex gap-2 text-sm">
        {view.cursor && <Button onClick={() => void setView({ cursor: null })}>← Newest</Button>}
        {q.data?.nextCursor && <Button onClick={() => void setView({ cursor: q.data.nextCursor ?? null })}>Older records →</Button>}
      </nav>
    </Panel>
  );
}

type AuditView = ReturnType<typeof useQueryStates<typeof auditViewParams>>;

/** The filters, applied on submit (one URL change, not one per keystroke); keyed by the URL so Back resets them. */
function AuditFilters({ view, setView }: { view: AuditView[0]; setView: AuditView[1] }) {
  return (
    <form
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
          <Input name={name} defaultValue={view[name] ?? ""} className="w-40 font-mono" />
        </label>
      ))}
      <label className="flex flex-col gap-0.5">
        <span>Action</span>
        <Select name="action" size="sm" defaultValue={view.action ?? ""}>
          <option value="">any</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {actionText({ action: a })}
            </option>
          ))}
        </Select>
      </label>
      <label className="flex flex-col gap-0.5">
        <span>From (UTC)</span>
        <Input type="datetime-local" name="from" defaultValue={toInput(view.from)} />
      </label>
      <label className="flex flex-col gap-0.5">
        <span>To (UTC)</span>
        <Input type="datetime-local" name="to" defaultValue={toInput(view.to)} />
      </label>
      <Button type="submit" variant="strong" size="md">
        Filter
      </Button>
      <Button size="md" onClick={() => void setView({ node: null, pool: null, actor: null, action: null, from: null, to: null, cursor: null })}>
        Clear
      </Button>
    </form>
  );
}
