"use client";

import { useQuery } from "@tanstack/react-query";
import { TextLink } from "@/components/ui/text-link";
import { formatTime } from "@/lib/format";
import { paths } from "@/lib/links/paths";
import { remediationQueries } from "@/lib/queries/remediation";
import type { AuditRecord } from "@/lib/schemas/audit";

/** The newest record that saved evidence for the node: a reimage or removal wiped it after saving its stderr tails. */
export function evidenceRecord(records: readonly AuditRecord[], nodeId: string): AuditRecord | undefined {
  return records.filter((r) => r.nodeId === nodeId && r.hasEvidence).sort((a, b) => Date.parse(b.time) - Date.parse(a.time))[0];
}

/**
 * Where a task's stderr went when its node was wiped: the audit record of the reimage or removal, which
 * saved the stderr tails of the node's recently failed tasks before the call (docs/architecture.md, the
 * evidence). The record is found by node id through the audit API's filter; the link goes to the record's
 * stderr panel, and says whether this task's stderr is among those saved.
 */
export function SavedStderr({ account, poolId, nodeId, jobId, taskId }: { account: string; poolId?: string; nodeId: string; jobId: string; taskId: string }) {
  const list = useQuery({ ...remediationQueries.auditList(account, { pool: poolId ?? null, node: nodeId }), refetchInterval: false });
  const record = list.data ? evidenceRecord(list.data.records, nodeId) : undefined;
  const detail = useQuery({ ...remediationQueries.auditRecord(account, record?.id ?? ""), enabled: record !== undefined, refetchInterval: false });
  if (!list.data) return null;
  if (!record)
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="saved-stderr">
        No evidence of this node was saved through Batchscope (only a reimage or removal made here saves the node&apos;s stderr tails first).
      </p>
    );
  const saved = detail.data?.evidence?.stderr.find((s) => s.jobId === jobId && s.taskId === taskId);
  const href = `${paths.auditRecord(account, record.id)}#evidence-stderr-heading`;
  return (
    <p className="text-sm" data-testid="saved-stderr">
      {saved ? "This task's stderr.txt was saved " : "The node's evidence was saved "}
      with the {record.action === "remove" ? "removal" : record.action} at {formatTime(record.time)}
      {detail.data && !saved ? ", without this task's stderr (only the node's most recently failed tasks are kept)" : ""}:{" "}
      <TextLink href={href}>{saved ? "Open the saved stderr.txt" : "Open the audit record"}</TextLink>
    </p>
  );
}
