import type { ReactNode } from "react";
import { MAX_VIEWPORT } from "./heatmap-grid";

/**
 * The heatmap panel while its first answer loads, shaped like the painted panel of a pool of 20 nodes or
 * more (the grid's box is then its full height): the verdict's box, the toolbar's row, the selection line,
 * the grid's heading, box and focus line, each at its painted height. The pending line and the read's
 * progress sit in the verdict's box, where the painted panel keeps them too. A placeholder a few lines tall
 * made the painted heatmap push everything below it down by 700 px. A smaller pool's grid is shorter, and
 * the panel shrinks to it when painted.
 */
export function HeatmapPending({ children }: { children: ReactNode }) {
  return (
    <div className="space-y-3" data-testid="heatmap-pending">
      {/* VerdictArea's fixed height. */}
      <div className="h-[9rem] space-y-2 overflow-hidden">{children}</div>
      <div aria-hidden="true" className="flex h-[26px] items-center gap-2">
        <Block className="h-full w-56" />
        <Block className="h-full w-40" />
      </div>
      <div aria-hidden="true" className="flex h-5 items-center">
        <Block className="h-3 w-48" />
      </div>
      <div aria-hidden="true">
        {/* The grid's heading (HeatmapGrid's GridHeader: one text-xs line, pb-1, a border), its box and its focus line. */}
        <div className="border-b border-transparent pb-1 text-xs">
          <div className="h-4" />
        </div>
        <Block className="w-full" style={{ height: MAX_VIEWPORT }} />
        <p className="mt-1 min-h-4 text-xs" />
      </div>
    </div>
  );
}

function Block({ className, style }: { className: string; style?: { height: number } }) {
  return <div className={`animate-pulse rounded bg-slate-100 dark:bg-slate-900 ${className}`} style={style} />;
}
