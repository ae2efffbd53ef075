import type { HeatmapResponse } from "@/lib/schemas/failures";
import { exitCodeLabel, type KeyColouring } from "./colouring";
import type { HeatmapMetric } from "./heatmap-controls";
import { EMPTY_CELL, MAX_KEY_COLOURS, stepLabel, type ScaleStep, type Theme } from "./scale";

function Swatch({ color, label, testId }: { color: string; label: string; testId?: string }) {
  return (
    <li className="flex items-center gap-1" data-testid={testId}>
      <span aria-hidden="true" className="inline-block size-3.5 rounded-sm border border-slate-400/60" style={{ backgroundColor: color }} />
      <span className="tabular-nums">{label}</span>
    </li>
  );
}

const TITLE: Record<HeatmapMetric, string> = {
  failures: "Failed tasks per cell",
  category: "Most frequent category in the cell",
  job: "Job with the most failures in the cell",
  exitCode: "Most frequent exit code in the cell",
};

/** Each key of a colouring with its count over the window, the keys past the palette folded into "other". */
function keyEntries(data: HeatmapResponse, metric: Exclude<HeatmapMetric, "failures">, keys: readonly string[]) {
  const count = (k: string): number => {
    if (metric === "category") return data.totals.byCategory[k] ?? 0;
    if (metric === "job") return data.byJob?.find((j) => j.jobId === k)?.failures ?? 0;
    return data.byExitCode?.find((e) => (e.exitCode === null ? "none" : String(e.exitCode)) === k)?.count ?? 0;
  };
  const label = (k: string) => (metric === "exitCode" ? exitCodeLabel(k) : k);
  const shown = metric === "category" ? keys : keys.slice(0, MAX_KEY_COLOURS);
  const rest = keys.slice(shown.length);
  return { shown: shown.map((k) => ({ key: k, label: `${label(k)} (${count(k)})` })), rest: rest.reduce((a, k) => a + count(k), 0), restKeys: rest.length };
}

/** What the colours mean: the fixed count steps (docs/diagnosis.md), or the category, job or exit code each colour names. */
export function HeatmapLegend({
  metric,
  steps,
  data,
  keyed,
  theme,
}: {
  metric: HeatmapMetric;
  steps: readonly ScaleStep[];
  data: HeatmapResponse;
  keyed: KeyColouring | undefined;
  theme: Theme;
}) {
  const title = TITLE[metric];
  const entries = metric !== "failures" && keyed ? keyEntries(data, metric, keyed.keys) : undefined;
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs" data-testid={`legend-${metric}`}>
      <span className="font-medium">{title}:</span>
      <ul className="flex flex-wrap items-center gap-x-3 gap-y-1" aria-label={title}>
        <Swatch color={EMPTY_CELL[theme]} label={metric === "failures" ? "0" : "no failures"} />
        {!entries
          ? steps.map((s) => <Swatch key={s.from} color={s.color} label={stepLabel(s)} />)
          : entries.shown.map((e, i) => <Swatch key={e.key} testId={`legend-${metric}-${e.key}`} color={keyed!.colour(i)} label={e.label} />)}
        {entries && entries.restKeys > 0 && <Swatch color={keyed!.colour(MAX_KEY_COLOURS)} label={`${entries.restKeys} other (${entries.rest})`} />}
      </ul>
    </div>
  );
}
