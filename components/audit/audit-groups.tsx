"use client";

import { Fragment, useState } from "react";
import { Button } from "@/components/ui/button";
import { TextLink } from "@/components/ui/text-link";
import { IdCell, NODE_ID_CUT, TruncatedId } from "@/components/ui/truncated-id";
import { formatTime } from "@/lib/format";
import { auditOperations } from "@/lib/display/audit-groups";
import { paths } from "@/lib/links/paths";
import type { AuditRecord } from "@/lib/schemas/audit";
import { actionText, OutcomeBadge } from "./audit-text";

/**
 * The records grouped by operation: one row per operation (an action on several nodes is one decision,
 * with one reason and ticket) with how its nodes came out, expandable to each node's outcome and record.
 */
export function AuditGroups({ account, records }: { account: string; records: AuditRecord[] }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <table className="w-full text-sm" data-testid="audit-groups">
      <thead>
        <tr className="text-left">
          {["Time", "Actor", "Action", "Pool", "Nodes", "Outcomes", "Reason", "Ticket"].map((h) => (
            <th key={h} scope="col" className="px-1 py-1 font-semibold">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {auditOperations(records).map((op) => {
          const expanded = open.has(op.operationId);
          return (
            <Fragment key={op.operationId}>
              <tr data-testid="audit-operation" className="border-t border-slate-200 align-top dark:border-slate-800">
                <td className="px-1 py-1 text-xs">{formatTime(op.time)}</td>
                <td className="px-1 py-1">
                  <TruncatedId id={op.actor} head={14} tail={6} />
                </td>
                <th scope="row" className="px-1 py-1 text-left font-normal">
                  {actionText(op.records[0]!)}
                </th>
                <td className="px-1 py-1">
                  <TruncatedId id={op.poolId} head={10} tail={6} className="font-mono text-xs" />
                </td>
                <td className="px-1 py-1">
                  <Button
                    variant="ghost"
                    size="inline"
                    aria-expanded={expanded}
                    onClick={() => toggle(op.operationId)}
                    className="text-blue-700 dark:text-blue-300"
                  >
                    {expanded ? "Hide" : "Show"} {op.records.length} node{op.records.length === 1 ? "" : "s"}
                  </Button>
                </td>
                <td className="px-1 py-1 text-xs">{op.outcomes.map(([o, n]) => `${n} ${o}`).join(" · ")}</td>
                <td className="px-1 py-1 [overflow-wrap:anywhere] whitespace-pre-wrap">{op.reason}</td>
                <td className="px-1 py-1">{op.ticket ? <TruncatedId id={op.ticket} head={8} tail={6} /> : "—"}</td>
              </tr>
              {expanded && (
                <tr>
                  <td colSpan={8} className="px-1 pb-2">
                    <ul aria-label={`Nodes of ${actionText(op.records[0]!).toLowerCase()} at ${formatTime(op.time)}`} className="ml-6 space-y-1">
                      {op.records.map((r) => (
                        <li key={r.id} data-testid="audit-operation-node" className="flex flex-wrap items-center gap-3">
                          <IdCell id={r.nodeId} what="node" href={paths.node(account, r.poolId, r.nodeId)} {...NODE_ID_CUT} className="text-xs" />
                          <OutcomeBadge outcome={r.outcome} />
                          {r.error && <span className="font-mono text-xs">{r.error.code ?? r.error.kind}</span>}
                          <TextLink href={paths.auditRecord(account, r.id)}>record{r.hasEvidence ? " · evidence" : ""}</TextLink>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
