"use client";

import Link from "next/link";
import { capacityFact } from "@/lib/display/remediation";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { NodeErrors, NodeStateFacts } from "@/components/nodes/node-panels";
import { RecentTasks } from "@/components/nodes/recent-tasks";
import { StartTaskInfo } from "@/components/nodes/start-task-panel";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { GonePanel, isGone } from "@/components/ui/gone";
import { Loading, Panel } from "@/components/ui/panel";
import { formatBytes, formatTime } from "@/lib/format";
import { paths } from "@/lib/links/paths";
import { errorInfo } from "@/lib/queries/api-fetch";
import { remediationQueries } from "@/lib/queries/remediation";
import type { AuditRecord, Evidence } from "@/lib/schemas/audit";
import { evidenceNode, outcomeSentence } from "@/lib/display/audit";
import { actionText, OutcomeBadge } from "./audit-text";
import { TextLink } from "@/components/ui/text-link";

const dt = "text-slate-600 dark:text-slate-400";

/** One audit record and the evidence saved before the action: it stays readable after the node is gone. */
export function AuditRecord({ account, recordId }: { account: string; recordId: string }) {
  const q = useQuery(remediationQueries.auditRecord(account, recordId));
  const err = errorInfo(q.error);
  if (q.isPending) return <Loading what={`audit record ${recordId}`} />;
  if (!q.data) {
    if (isGone(err))
      return (
        <GonePanel
          what="Audit record"
          id={recordId}
          explanation="The audit log has no record with this id: the link has a typo, or it belongs to another dashboard's audit log."
          parent={{ href: paths.audit(account), label: "Go to the audit log" }}
          error={err}
        />
      );
    return err ? <ApiErrorBanner error={err} /> : null;
  }
  const { record, evidence } = q.data;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">
        {actionText(record)} on node <span className="font-mono">{record.nodeId}</span>
      </h1>
      <Panel id="record" title="Record">
        <RecordFacts account={account} record={record} />
      </Panel>
      {evidence ? (
        <EvidenceSection account={account} evidence={evidence} />
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-300">
          No evidence was saved with this record: only reimage and removal, which wipe the node, save it.
        </p>
      )}
    </div>
  );
}

function Fact({ term, children, testId }: { term: string; children: ReactNode; testId?: string }) {
  return (
    <>
      <dt className={dt}>{term}</dt>
      <dd data-testid={testId} className="break-words">
        {children}
      </dd>
    </>
  );
}

function RecordFacts({ account, record: r }: { account: string; record: AuditRecord }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
      <Fact term="Time">{formatTime(r.time)}</Fact>
      <Fact term="Actor" testId="record-actor">
        {r.actor} ({r.role})
      </Fact>
      <Fact term="Action">{actionText(r)}</Fact>
      <Fact term="Node">
        <TextLink href={paths.node(account, r.poolId, r.nodeId)} className="font-mono">
          {r.poolId} / {r.nodeId}
        </TextLink>
      </Fact>
      <Fact term="Reason" testId="record-reason">
        <span className="whitespace-pre-wrap">{r.reason || "—"}</span>
      </Fact>
      <Fact term="Ticket">{r.ticket ?? "—"}</Fact>
      {capacityFact(r) && (
        <Fact term="Pool size" testId="record-capacity">
          {capacityFact(r)}
        </Fact>
      )}
      <Fact term="Outcome" testId="record-outcome">
        <OutcomeBadge outcome={r.outcome} /> {outcomeSentence(r)}
        {r.outcomeTime ? ` (${formatTime(r.outcomeTime)})` : ""}
      </Fact>
      {r.error && (
        <Fact term="Batch said">
          <span className="font-mono">{r.error.code ?? r.error.kind}</span>: {r.error.message}
        </Fact>
      )}
      <Fact term="Request id" testId="record-request-id">
        <span className="font-mono">{r.requestId ?? r.error?.requestId ?? "—"}</span>
      </Fact>
      {r.expiryTime && <Fact term="Expires">{formatTime(r.expiryTime)}</Fact>}
      {r.snapshotId && (
        <Fact term="Snapshot" testId="record-snapshot">
          {r.action === "deleteSnapshot" ? (
            <span className="font-mono">{r.snapshotId}</span>
          ) : (
            <TextLink href={`${paths.account(account)}/snapshots/${encodeURIComponent(r.snapshotId)}`}>The node as it was just before</TextLink>
          )}
        </Fact>
      )}
      {r.snapshotError && (
        <Fact term="Snapshot" testId="record-snapshot">
          {r.snapshotError}
        </Fact>
      )}
      <Fact term="Operation">
        <span className="font-mono text-xs">{r.operationId}</span>
      </Fact>
    </dl>
  );
}

function EvidenceSection({ account, evidence }: { account: string; evidence: Evidence }) {
  const node = evidenceNode(evidence);
  return (
    <section aria-labelledby="evidence-heading" data-testid="evidence" className="space-y-4">
      <h2 id="evidence-heading" className="text-xl font-semibold">
        Evidence saved {formatTime(evidence.capturedAt)}, before the node was wiped
      </h2>
      {node ? (
        <>
          <div className="grid gap-4 lg:grid-cols-2">
            <Panel id="evidence-state" title="State then">
              <NodeStateFacts node={node} asOf={evidence.capturedAt} />
            </Panel>
            <Panel id="evidence-errors" title={`Node errors (${node.errors.length})`}>
              <NodeErrors errors={node.errors} />
            </Panel>
          </div>
          <Panel id="evidence-start-task" title="Start task">
            <StartTaskInfo account={account} node={node} />
          </Panel>
          <Panel id="evidence-tasks" title="Recent tasks">
            <RecentTasks account={account} tasks={node.recentTasks} />
          </Panel>
        </>
      ) : (
        <Panel id="evidence-node" title="The node as saved">
          <pre className="max-h-96 overflow-auto text-xs">{JSON.stringify(evidence.node, null, 2)}</pre>
        </Panel>
      )}
      <Panel id="evidence-stderr" title={`stderr.txt of recently failed tasks (${evidence.stderr.length})`}>
        {evidence.stderr.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-300">No recently failed task on the node.</p>}
        {evidence.stderr.map((s) => (
          <details
            key={`${s.jobId}/${s.taskId}`}
            open={evidence.stderr.length <= 3}
            data-testid="evidence-stderr"
            className="rounded border border-slate-200 p-2 dark:border-slate-800"
          >
            {/* A link inside <summary> would be a control inside a control: it goes below instead. */}
            <summary className="cursor-pointer font-mono text-sm">
              {s.jobId}/{s.taskId}{" "}
              <span className="font-sans">
                — last {formatBytes(s.bytes)}
                {s.error ? ` (${s.error})` : ""}
              </span>
            </summary>
            <Link href={paths.task(account, s.jobId, s.taskId)} className="text-sm text-blue-700 hover:underline dark:text-blue-300">
              Open the task
            </Link>
            <pre className="mt-1 max-h-80 overflow-auto bg-slate-50 p-2 text-xs whitespace-pre-wrap dark:bg-slate-900">{s.text}</pre>
          </details>
        ))}
      </Panel>
    </section>
  );
}
