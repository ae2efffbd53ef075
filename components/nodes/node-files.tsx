"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Loading, Panel } from "@/components/ui/panel";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { formatBytes, formatTime } from "@/lib/format";
import { paths } from "@/lib/links/paths";
import { errorInfo } from "@/lib/queries/api-fetch";
import { batchQueries } from "@/lib/queries/batch";
import { orderNodeFiles } from "@/lib/display/node-facts";
import { linkVariants } from "@/components/ui/text-link";

/** The node's files, the start task's logs first, each opening in the file view. */
export function NodeFiles({ account, poolId, nodeId }: { account: string; poolId: string; nodeId: string }) {
  const q = useQuery(batchQueries.nodeFiles(account, poolId, nodeId));
  const err = errorInfo(q.error);
  const files = q.data ? orderNodeFiles(q.data.files) : [];
  return (
    <Panel id="node-files" title={`Files${q.data ? ` (${files.length})` : ""}`} asOf={q.data?.asOf} {...(err ? { error: err } : {})}>
      {q.isPending ? (
        <Loading what="the node's files" />
      ) : !q.data ? (
        err && <ApiErrorBanner error={err} />
      ) : files.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">The node has no files.</p>
      ) : (
        <ul className="max-h-96 space-y-0.5 overflow-auto text-sm" data-testid="node-file-list">
          {files.map((f) => (
            <li key={f.name} className="flex flex-wrap gap-x-3">
              <Link className={linkVariants({ tone: "plain", className: "font-mono break-all" })} href={paths.nodeFile(account, poolId, nodeId, f.name)}>
                {f.name}
              </Link>
              <span className="text-slate-600 dark:text-slate-400">{formatBytes(f.size)}</span>
              <span className="text-slate-600 dark:text-slate-400">{formatTime(f.lastModified)}</span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
