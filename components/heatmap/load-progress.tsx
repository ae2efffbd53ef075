"use client";

import { useQuery } from "@tanstack/react-query";
import { batchQueries } from "@/lib/queries/batch";
import type { HeatmapScope } from "./use-heatmap";

/**
 * While the server reads a long window (a pool heatmap over 100,000 tasks takes seconds), say how far it
 * has got: pages of task lists read, of an estimate, and jobs done. The rest of the page stays usable. After
 * the first answer (failures only) it says the rates are still loading, with the same progress.
 */
export function LoadProgress({
  account,
  scope,
  query,
  what = "Reading tasks…",
}: {
  account: string;
  scope: HeatmapScope;
  query: Record<string, string>;
  /** What is loading: the tasks of the whole heatmap, or (after the first answer) the totals behind its rates. */
  what?: string;
}) {
  const { data } = useQuery(batchQueries.heatmapProgress(account, scope, query));
  const p = data?.loading ? data : undefined;
  const pages = p?.pagesRead ?? 0;
  const estimate = p?.pagesEstimate;
  const fraction = estimate ? Math.min(1, pages / Math.max(1, estimate)) : undefined;
  return (
    <div role="status" data-testid="heatmap-progress" className="space-y-1 text-sm text-slate-600 dark:text-slate-300">
      <p>
        {what}{" "}
        {p && (
          <span data-testid="heatmap-progress-pages">
            {pages} {estimate ? `of about ${estimate}` : ""} pages{p.jobsTotal ? `, ${p.jobsRead} of ${p.jobsTotal} jobs done` : ""}
          </span>
        )}
      </p>
      {fraction !== undefined && (
        <div className="h-1.5 w-64 overflow-hidden rounded bg-slate-200 dark:bg-slate-800" aria-hidden="true">
          <div className="h-full bg-sky-600 transition-[width] dark:bg-sky-400" style={{ width: `${Math.round(fraction * 100)}%` }} />
        </div>
      )}
    </div>
  );
}
