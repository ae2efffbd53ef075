"use client";

import type { HeatmapResponse } from "@/lib/schemas/failures";
import { Button } from "@/components/ui/button";
import { selectionSummary } from "./navigation";

export type HeatmapMetric = "failures" | "category";

/** What the cells' colour stands for: the failure count or the most frequent category. */
export function MetricToggle({ metric, onChange }: { metric: HeatmapMetric; onChange: (metric: HeatmapMetric) => void }) {
  return (
    <div role="group" aria-label="Colour the cells by" className="flex text-sm">
      {(["failures", "category"] as const).map((m) => (
        <Button
          key={m}
          variant={metric === m ? "strong" : "secondary"}
          aria-pressed={metric === m}
          onClick={() => onChange(m)}
          className="rounded-none border border-slate-300 first:rounded-l last:rounded-r dark:border-slate-700"
        >
          {m === "failures" ? "Failure count" : "Category"}
        </Button>
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
      {selected.length > 0 && <Button onClick={onClear}>Clear selection</Button>}
      <span className="text-slate-600 dark:text-slate-300">
        {data.totals.failures} failed tasks on {data.totals.nodesWithFailures} of {data.rows.length} nodes · read {data.pagesRead} pages from {data.jobsRead}{" "}
        jobs
      </span>
    </div>
  );
}
