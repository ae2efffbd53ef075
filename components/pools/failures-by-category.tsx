"use client";

import { useQuery } from "@tanstack/react-query";
import { useWindowQuery } from "@/components/heatmap";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { CategoryBadge } from "@/components/ui/badges";
import { Loading, Panel } from "@/components/ui/panel";
import { formatPercent } from "@/lib/format";
import { errorInfo } from "@/lib/queries/api-fetch";
import { batchQueries } from "@/lib/queries/batch";

/** How the window's failures split by category, with a bar for each so the largest stands out. */
export function FailuresByCategory({ account, scope }: { account: string; scope: { pool: string } | { job: string } }) {
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
