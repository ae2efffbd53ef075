"use client";

import type { HeatmapResponse } from "@/lib/schemas/failures";
import { Button } from "@/components/ui/button";
import { HEATMAP_METRICS } from "@/lib/links/view-params";
import { selectionSummary } from "./navigation";

export type HeatmapMetric = (typeof HEATMAP_METRICS)[number];

const METRIC_LABEL: Record<HeatmapMetric, string> = { failures: "Failure count", category: "Category", job: "Job", exitCode: "Exit code" };

/** What the cells' colour stands for: the failure count, or the most frequent category, job or exit code. */
export function MetricToggle({ metric, onChange }: { metric: HeatmapMetric; onChange: (metric: HeatmapMetric) => void }) {
  return (
    <div role="group" aria-label="Colour the cells by" className="flex text-sm">
      {HEATMAP_METRICS.map((m) => (
        <Button
          key={m}
          variant={metric === m ? "strong" : "secondary"}
          aria-pressed={metric === m}
          onClick={() => onChange(m)}
          className="rounded-none border border-slate-300 first:rounded-l last:rounded-r dark:border-slate-700"
        >
          {METRIC_LABEL[m]}
        </Button>
      ))}
    </div>
  );
}

/** "Failing nodes only": hides the rows without a failure in the window (`failing=1` in the URL). */
export function FailingToggle({ on, onChange }: { on: boolean; onChange: (on: boolean) => void }) {
  return (
    <Button
      variant={on ? "strong" : "secondary"}
      aria-pressed={on}
      onClick={() => onChange(!on)}
      className="border border-slate-300 text-sm dark:border-slate-700"
    >
      Failing nodes only
    </Button>
  );
}

/** How many nodes are selected (for the action bar), a way to clear them, and what the heatmap read. */
export function SelectionBar({ data, selected, onClear }: { data: HeatmapResponse; selected: readonly string[]; onClear: () => void }) {
  const counts = `${countsLine(data)} · read ${data.pagesRead} ${data.pagesRead === 1 ? "page" : "pages"} from ${data.jobsRead} ${data.jobsRead === 1 ? "job" : "jobs"}`;
  return (
    // One line whatever the width: the counts line grows when the full answer arrives, and wrapped it moved
    // the heatmap below it on a narrow window; cut, it keeps its whole text in the title.
    <div className="flex items-center gap-3 text-sm" data-testid="selection-bar">
      <span className="shrink-0" data-testid="selection-count" aria-live="polite">
        {selectionSummary(selected.length)}
      </span>
      {selected.length > 0 && <Button onClick={onClear}>Clear selection</Button>}
      <span className="min-w-0 truncate text-slate-600 dark:text-slate-300" data-testid="heatmap-counts" title={counts}>
        {counts}
      </span>
    </div>
  );
}

/**
 * The page's one sentence of counts, from the diagnosis (the same numbers the verdict speaks of): nodes
 * that ran tasks in the window, and nodes in the pool today, each named for what it is.
 */
export function countsLine(data: HeatmapResponse): string {
  const c = data.diagnosis?.counts;
  if (!c)
    return `${data.totals.failures} failed tasks on ${data.totals.nodesWithFailures} nodes${data.ratesPending ? " (completed totals and rates loading…)" : ""}`;
  const tasks = `${c.failures} of ${c.completed} completed ${c.completed === 1 ? "task" : "tasks"} failed`;
  return `${tasks}, on ${c.nodesWithFailures} of the ${c.nodesActive} nodes that ran tasks (${c.nodesInPool} nodes in the pool now)`;
}
