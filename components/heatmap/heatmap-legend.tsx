import { categoryColor, EMPTY_CELL, stepLabel, type ScaleStep, type Theme } from "./scale";

function Swatch({ color, label, testId }: { color: string; label: string; testId?: string }) {
  return (
    <li className="flex items-center gap-1" data-testid={testId}>
      <span aria-hidden="true" className="inline-block size-3.5 rounded-sm border border-slate-400/60" style={{ backgroundColor: color }} />
      <span className="tabular-nums">{label}</span>
    </li>
  );
}

/** What the colours mean, with the numbers each step stands for (or the category each colour names). */
export function HeatmapLegend({
  metric,
  steps,
  categories,
  byCategory,
  theme,
}: {
  metric: "failures" | "category";
  steps: readonly ScaleStep[];
  categories: readonly string[];
  byCategory: Record<string, number>;
  theme: Theme;
}) {
  const title = metric === "failures" ? "Failed tasks per cell" : "Most frequent category in the cell";
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs" data-testid={`legend-${metric}`}>
      <span className="font-medium">{title}:</span>
      <ul className="flex flex-wrap items-center gap-x-3 gap-y-1" aria-label={title}>
        <Swatch color={EMPTY_CELL[theme]} label={metric === "failures" ? "0" : "no failures"} />
        {metric === "failures"
          ? steps.map((s) => <Swatch key={s.from} color={s.color} label={stepLabel(s)} />)
          : categories.map((c) => <Swatch key={c} testId={`legend-category-${c}`} color={categoryColor(c, theme)} label={`${c} (${byCategory[c] ?? 0})`} />)}
      </ul>
    </div>
  );
}
