"use client";

import type { HeatmapResponse } from "@/lib/schemas/failures";
import { selectionSummary } from "./navigation";

export type HeatmapMetric = "failures" | "category";

const TOGGLE = "border border-slate-300 px-2 py-0.5 first:rounded-l last:rounded-r dark:border-slate-700";
const TOGGLE_ON = "bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900";
const TOGGLE_OFF = "hover:bg-slate-100 dark:hover:bg-slate-800";

/** What the cells' colour stands for: the failure count or the most frequent category. */
export function MetricToggle({ metric, onChange }: { metric: HeatmapMetric; onChange: (metric: HeatmapMetric) => void }) {
  return (
    <div role="group" aria-label="Colour the cells by" className="flex text-sm">
      {(["failures", "category"] as const).map((m) => (
        <button
          key={m}
          type="button"
          aria-pressed={metric === m}
          onClick={() => onChange(m)}
          className={`${TOGGLE} ${metric === m ? TOGGLE_ON : TOGGLE_OFF}`}
        >
          {m === "failures" ? "Failure count" : "Category"}
        </button>
      ))}
    </div>
  );
}

/** How many nodes are selected (for the action bar), a way to clear them, and what the heatmap read. */
export function SelectionBar({ data, selected, onClear }: { data: HeatmapResponse; selected: readonly string[]; onClear: () => void }) {
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm" data-testid="selection-bar">
      <span data-testid="selection-count" aria-live="polite">
        {selectionSummary(selected.length)}
      </span>
      {selected.length > 0 && (
        <button
          type="button"
          onClick={onClear}
          className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          Clear selection
        </button>
      )}
      <span className="text-slate-600 dark:text-slate-300">
        {data.totals.failures} failed tasks on {data.totals.nodesWithFailures} of {data.rows.length} nodes · read {data.pagesRead} pages
        from {data.jobsRead} jobs
      </span>
    </div>
  );
}
