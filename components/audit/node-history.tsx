"use client";

import { useQuery } from "@tanstack/react-query";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { Panel } from "@/components/ui/panel";
import { paths, withQuery } from "@/lib/links/paths";
import { errorInfo } from "@/lib/queries/api-fetch";
import { remediationQueries } from "@/lib/queries/remediation";
import { AuditTable } from "./audit-table";
import { TextLink } from "@/components/ui/text-link";

/** What was done to this node, from the audit log: readable after the node itself is gone. */
export function NodeHistory({ account, poolId, nodeId }: { account: string; poolId: string; nodeId: string }) {
  const q = useQuery(remediationQueries.auditList(account, { pool: poolId, node: nodeId }));
  const err = errorInfo(q.error);
  const records = q.data?.records ?? [];
  return (
    <Panel
      id="node-history"
      title={`History${q.data ? ` (${records.length}${q.data.nextCursor ? "+" : ""})` : ""}`}
      error={q.data ? err : undefined}
      actions={<TextLink href={withQuery(paths.audit(account), { pool: poolId, node: nodeId })}>In the audit log</TextLink>}
    >
      {!q.data && err && <ApiErrorBanner error={err} />}
      {/* Not the pulsing Loading: this panel loads beside a finished page, and must not flicker there. */}
      {q.isPending && (
        <p role="status" className="text-sm text-slate-600 dark:text-slate-300">
          Reading the audit log…
        </p>
      )}
      {q.data && records.length === 0 && (
        <p className="text-sm text-slate-600 dark:text-slate-300">No action has been taken on this node through Batchscope.</p>
      )}
      {records.length > 0 && <AuditTable account={account} records={records} showWhere={false} />}
    </Panel>
  );
}
