"use client";

import { useMemo, useState } from "react";
import { FilterInput } from "@/components/ui/filter-input";
import { DataTable, useDataTable, type TableColumn } from "@/components/ui/table";
import { TextLink } from "@/components/ui/text-link";
import { IdCell, NODE_ID_CUT, TruncatedId } from "@/components/ui/truncated-id";
import { formatTime } from "@/lib/format";
import { paths } from "@/lib/links/paths";
import type { AuditRecord } from "@/lib/schemas/audit";
import { actionText, OutcomeBadge } from "./audit-text";

const requestId = (r: AuditRecord) => r.requestId ?? r.error?.requestId;

/** Everything the filter box matches a record on. */
function auditSearchText(r: AuditRecord): string {
  return [r.actor, r.role, actionText(r), r.poolId, r.nodeId, r.reason, r.ticket ?? "", r.outcome, r.error?.code ?? "", requestId(r) ?? ""].join(" ");
}

function auditColumns(account: string, showWhere: boolean): TableColumn<AuditRecord>[] {
  const where: TableColumn<AuditRecord>[] = [
    {
      id: "pool",
      header: "Pool",
      sortValue: (r) => r.poolId,
      cell: (r) => <TruncatedId id={r.poolId} head={10} tail={6} className="font-mono text-xs" />,
    },
    {
      id: "node",
      header: "Node",
      sortValue: (r) => r.nodeId,
      // A pool-level record (the resize back of a removal that keeps capacity) has no node.
      cell: (r) =>
        r.nodeId ? <IdCell id={r.nodeId} what="node" href={paths.node(account, r.poolId, r.nodeId)} {...NODE_ID_CUT} className="text-xs" /> : "(pool)",
    },
  ];
  return [
    // Date over time: the cell wraps at the space, never inside either.
    { id: "time", header: "Time", sortValue: (r) => r.time, descFirst: true, className: "w-24 text-xs", cell: (r) => formatTime(r.time) },
    { id: "actor", header: "Actor", sortValue: (r) => r.actor, cell: (r) => <TruncatedId id={r.actor} head={14} tail={6} /> },
    { id: "role", header: "Role", sortValue: (r) => r.role, cell: (r) => <span className="whitespace-nowrap">{r.role}</span> },
    { id: "action", header: "Action", sortValue: (r) => actionText(r), className: "min-w-32", cell: actionText },
    ...(showWhere ? where : []),
    { id: "reason", header: "Reason", className: "min-w-40 whitespace-pre-wrap [overflow-wrap:anywhere]", cell: (r) => r.reason },
    {
      id: "ticket",
      header: "Ticket",
      sortValue: (r) => r.ticket,
      cell: (r) => (r.ticket ? <TruncatedId id={r.ticket} head={8} tail={6} /> : "—"),
    },
    {
      id: "outcome",
      header: "Outcome",
      sortValue: (r) => r.outcome,
      cell: (r) => (
        <>
          <OutcomeBadge outcome={r.outcome} />
          {r.error && <span className="block font-mono text-xs">{r.error.code ?? r.error.kind}</span>}
        </>
      ),
    },
    {
      id: "request",
      header: "Request id",
      cell: (r) => {
        const id = requestId(r);
        return id ? <IdCell id={id} what="request" head={6} tail={6} className="text-xs" /> : "—";
      },
    },
    {
      id: "record",
      header: "Record",
      cell: (r) => (
        <TextLink href={paths.auditRecord(account, r.id)} aria-label={`Record of ${actionText(r).toLowerCase()} on ${r.nodeId} at ${formatTime(r.time)}`}>
          open{r.hasEvidence ? " · evidence" : ""}
        </TextLink>
      ),
    },
  ];
}

/**
 * Audit records, newest first as the route returns them (each column sorts the loaded records; `filterable`
 * adds a text filter over them). Every value is rendered as text: reasons, tickets and Batch's messages are
 * whatever someone typed or Batch sent.
 */
export function AuditTable({
  account,
  records,
  showWhere = true,
  filterable = false,
}: {
  account: string;
  records: AuditRecord[];
  showWhere?: boolean;
  filterable?: boolean;
}) {
  const [filter, setFilter] = useState("");
  const columns = useMemo(() => auditColumns(account, showWhere), [account, showWhere]);
  const table = useDataTable({ data: records, columns, rowId: (r) => r.id, filterText: auditSearchText, filter });
  return (
    <div className="space-y-2">
      {filterable && <FilterInput label="Find in these records" value={filter} onChange={setFilter} placeholder="node, actor, reason, request id" />}
      <DataTable
        table={table}
        columns={columns}
        testId="audit-table"
        rowAttributes={(r) => ({ "data-testid": "audit-row", "data-node-id": r.nodeId })}
        empty={`No record on this page matches “${filter}”.`}
      />
    </div>
  );
}
