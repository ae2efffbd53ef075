"use client";

import { useQuery } from "@tanstack/react-query";
import { useHeatmap, useWindowQuery } from "@/components/heatmap";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { CategoryBadge } from "@/components/ui/badges";
import { Loading, Panel } from "@/components/ui/panel";
import { formatPercent } from "@/lib/format";
import Link from "next/link";
import { paths } from "@/lib/links/paths";
import { errorInfo } from "@/lib/queries/api-fetch";
import { batchQueries } from "@/lib/queries/batch";

/**
 * How the window's failures split by category, and beside it by job: a job failing on every node is a
 * job problem, several jobs failing on the same few nodes is a node problem (docs/diagnosis.md).
 */
export function FailuresByCategory({ account, scope }: { account: string; scope: { pool: string } | { job: string } }) {
  // One element: the page lays this beside the node table in a two-column grid.
  return (
    <div className="min-w-0 space-y-4">
      <ByCategory account={account} scope={scope} />
      {"pool" in scope && <FailuresByJob account={account} scope={scope} />}
    </div>
  );
}

/** What each column counts, said in its header's title and, in short, under the table. */
const COLUMN = {
  failed: "Failed tasks of this job that ended in the window, on every node",
  completed: "Tasks of this job that completed in the window, failed or succeeded",
  nodes: "Nodes on which this job failed at least one task in the window",
  healthy: "Failed tasks of this job outside the nodes the verdict names as bad: the count the verdict's sentence gives",
};

/** The diagnosis' split by job: each job's failures, on how many nodes, and how many outside the nodes it names. */
export function FailuresByJob({ account, scope }: { account: string; scope: { pool: string } | { job: string } }) {
  const q = useHeatmap(account, scope);
  const d = q.data;
  const jobs = d?.diagnosis?.jobs ?? [];
  const named = d?.diagnosis?.nodes.length ?? 0;
  return (
    <Panel id="jobs-split" title="Failures by job" asOf={d?.asOf}>
      {!d && q.isPending && <Loading what="failures by job" />}
      {d?.ratesPending && (
        <p className="text-sm" role="status">
          {d.totals.failures} failed tasks; the split by job waits for the completed-task totals (loading…).
        </p>
      )}
      {d && !d.ratesPending && jobs.length === 0 && <p className="text-sm">No failed tasks in this window.</p>}
      {jobs.length > 0 && (
        <table className="-mx-2 w-[calc(100%+1rem)] border-separate border-spacing-x-2 text-sm" data-testid="job-split">
          <thead className="text-left text-slate-600 dark:text-slate-300">
            <tr>
              <th scope="col" className="font-medium">
                Job
              </th>
              <th scope="col" className="text-right font-medium" title={COLUMN.failed}>
                Failed
              </th>
              <th scope="col" className="text-right font-medium" title={COLUMN.completed}>
                Completed
              </th>
              <th scope="col" className="text-right font-medium" title={COLUMN.nodes}>
                Nodes
              </th>
              {named > 0 && (
                <th scope="col" className="text-right font-medium" title={COLUMN.healthy}>
                  On healthy nodes
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {jobs.map((j) => (
              <tr key={j.jobId} data-testid="job-split-row" data-job-id={j.jobId}>
                <td className="font-mono [overflow-wrap:anywhere]">
                  <Link className="underline" href={paths.job(account, j.jobId)}>
                    {j.jobId}
                  </Link>
                </td>
                <td className="text-right font-semibold tabular-nums">{j.failures}</td>
                <td className="text-right tabular-nums">{j.completed}</td>
                <td className="text-right tabular-nums" data-testid="job-split-nodes">
                  {j.nodesWithFailures}
                </td>
                {named > 0 && (
                  <td className="text-right tabular-nums" data-testid="job-split-elsewhere">
                    {j.failuresElsewhere}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {jobs.length > 0 && (
        <p className="mt-2 text-xs text-slate-600 dark:text-slate-300" data-testid="job-split-legend">
          Tasks of each job that ended in this window: how many failed, of how many completed, and on how many nodes they failed.
          {named > 0 &&
            ` On healthy nodes: its failures outside the ${named === 1 ? "node" : `${named} nodes`} the verdict names, the count the verdict gives.`}
        </p>
      )}
    </Panel>
  );
}

function ByCategory({ account, scope }: { account: string; scope: { pool: string } | { job: string } }) {
  const q = useQuery(batchQueries.failures(account, scope, useWindowQuery()));
  const err = errorInfo(q.error);
  const d = q.data;
  const max = Math.max(1, ...(d?.byCategory.map((c) => c.count) ?? []));
  return (
    <Panel id="categories" title="Failures by category" asOf={d?.asOf} error={d ? err : undefined}>
      {!d && err && <ApiErrorBanner error={err} />}
      {!d && q.isPending && <Loading what="failures" />}
      {d && (
        <>
          <p className="text-sm text-slate-600 dark:text-slate-300">
            {d.failed} of {d.completed} completed tasks failed ({formatPercent(d.completed ? d.failed / d.completed : undefined)}).
          </p>
          {d.byCategory.length === 0 ? (
            <p className="text-sm">No failed tasks in this window.</p>
          ) : (
            <ul className="space-y-1" data-testid="category-list">
              {d.byCategory.map((c) => (
                <li key={c.category} className="grid grid-cols-[8rem_3.5rem_1fr] items-center gap-2 text-sm">
                  <CategoryBadge category={c.category} />
                  <span className="text-right font-semibold tabular-nums">{c.count}</span>
                  <span aria-hidden="true" className="h-2.5 rounded-sm bg-slate-500 dark:bg-slate-400" style={{ width: `${(c.count / max) * 100}%` }} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Panel>
  );
}
