import { CategoryBadge, NodeStateBadge } from "@/components/ui/badges";
import { countText, type CellInfo } from "./cell-info";
import { exitCodeLabel } from "./colouring";
import { rangeLabel } from "./time-axis";

/** What a hovered cell means, in words; it follows the pointer and never takes it. */
export function HeatmapTooltip({ info, x, y }: { info: CellInfo; x: number; y: number }) {
  // Flip to the left of the pointer near the right edge, so the text is never cut off.
  const left = typeof window !== "undefined" && x > window.innerWidth - 300 ? x - 292 : x + 14;
  return (
    <div
      role="tooltip"
      data-testid="heatmap-tooltip"
      className={
        "pointer-events-none fixed z-50 w-72 space-y-1 rounded-md border border-slate-300 bg-white p-2 text-xs shadow-lg " +
        "dark:border-slate-600 dark:bg-slate-900"
      }
      style={{ left, top: y + 14 }}
    >
      <p className="flex items-center gap-2">
        <span className="truncate font-mono font-semibold">{info.nodeId}</span>
        <NodeStateBadge state={info.state} />
      </p>
      <p>{rangeLabel(info.from, info.to)}</p>
      <p className="font-semibold">{countText(info.count)}</p>
      {info.dominant && (
        <p className="flex items-center gap-1">
          mostly <CategoryBadge category={info.dominant} />
        </p>
      )}
      {(info.job || info.exitCode) && (
        <p>
          {info.job && <span className="font-mono">{info.job}</span>}
          {info.job && info.exitCode && " · "}
          {info.exitCode && exitCodeLabel(info.exitCode)}
        </p>
      )}
      {info.count > 0 && <p className="text-slate-500 dark:text-slate-400">Click to list the tasks</p>}
    </div>
  );
}
