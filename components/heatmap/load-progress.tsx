"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { batchQueries } from "@/lib/queries/batch";
import type { HeatmapProgress } from "@/lib/schemas/failures";
import { progressText, steadyProgress, type ShownProgress } from "./steady-progress";
import type { HeatmapScope } from "./use-heatmap";

interface Seen {
  key: string;
  report: HeatmapProgress | undefined;
  phase: ShownProgress["phase"];
  shown: ShownProgress | undefined;
}

/** The progress to show for this load: counts that never go backwards (`steadyProgress`), started anew per window. */
function useSteadyProgress(key: string, report: HeatmapProgress | undefined, phase: ShownProgress["phase"]) {
  const [seen, setSeen] = useState<Seen>({ key, report, phase, shown: steadyProgress(undefined, report, phase) });
  if (seen.key !== key || seen.report !== report || seen.phase !== phase) {
    // Derived from the previous render's, as React documents for state that follows props.
    const next = { key, report, phase, shown: steadyProgress(seen.key === key ? seen.shown : undefined, report, phase) };
    setSeen(next);
    return next.shown;
  }
  return seen.shown;
}

/**
 * While the server reads a long window (a pool heatmap over 100,000 tasks takes seconds), say how far it
 * has got: pages of task lists read, of an estimate, and jobs done. The rest of the page stays usable. After
 * the failures (the first answer, docs/diagnosis.md "Failures first") the server's counters start again
 * for the totals behind the rates: that is said, and within a phase the counts never go backwards.
 */
export function LoadProgress({
  account,
  scope,
  query,
  what = "Reading tasks…",
  totals = false,
}: {
  account: string;
  scope: HeatmapScope;
  query: Record<string, string>;
  /** What is loading: the tasks of the whole heatmap, or (after the first answer) the totals behind its rates. */
  what?: string;
  /** The first answer is shown: what is read now is the totals. */
  totals?: boolean;
}) {
  const { data } = useQuery(batchQueries.heatmapProgress(account, scope, query));
  const p = useSteadyProgress(JSON.stringify(query), data, totals ? "totals" : "failures");
  const fraction = p?.pagesEstimate ? Math.min(1, p.pagesRead / Math.max(1, p.pagesEstimate)) : undefined;
  return (
    <div role="status" data-testid="heatmap-progress" className="space-y-1 text-sm text-slate-600 dark:text-slate-300">
      <p>
        {p?.phase === "totals" ? "Failures read; now reading totals:" : what} {p && <span data-testid="heatmap-progress-pages">{progressText(p)}</span>}
      </p>
      {fraction !== undefined && (
        <div className="h-1.5 w-64 overflow-hidden rounded bg-slate-200 dark:bg-slate-800" aria-hidden="true">
          <div className="h-full bg-sky-600 transition-[width] dark:bg-sky-400" style={{ width: `${Math.round(fraction * 100)}%` }} />
        </div>
      )}
    </div>
  );
}
