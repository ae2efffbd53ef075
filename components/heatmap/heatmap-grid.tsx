"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useLayoutEffect, useMemo, useRef, useState, type RefObject } from "react";
import type { HeatmapResponse } from "@/lib/schemas/failures";
import type { KeyColouring } from "./colouring";
import type { Cell, GridLayout } from "./geometry";
import { HeatmapCanvas } from "./heatmap-canvas";
import { LABEL_COLUMNS, RATE_MEANING, RowLabels } from "./row-labels";
import type { ScaleStep, Theme } from "./scale";
import { axisTicks, bucketCount } from "./time-axis";

const ROW_HEIGHT = 24;
export const MAX_VIEWPORT = 480;
const LABEL_WIDTH = 448;

export interface HeatmapGridProps {
  data: HeatmapResponse;
  keyed: KeyColouring | undefined;
  steps: readonly ScaleStep[];
  theme: Theme;
  selected: readonly string[];
  opened: Cell | null;
  nodeHref?: (nodeId: string) => string;
  onSelect: (nodeId: string, shift: boolean) => void;
  onOpen: (cell: Cell) => void;
  onClose: () => void;
}

/** The column headings of the labels and the time axis above the canvas. */
function GridHeader({ edges, width }: { edges: number[]; width: number }) {
  const ticks = axisTicks(edges, width);
  return (
    <div className="flex items-end border-b border-slate-200 pb-1 text-xs text-slate-600 dark:border-slate-700 dark:text-slate-300">
      <div className="grid shrink-0 gap-2 pr-2 pl-1" style={{ width: LABEL_WIDTH, gridTemplateColumns: LABEL_COLUMNS }}>
        <span />
        <span>Node</span>
        <span>State</span>
        <span className="text-right">Failed</span>
        <span className="text-right" title={RATE_MEANING}>
          Rate
        </span>
      </div>
      <div className="relative h-4 min-w-0 flex-1" aria-label="Time, UTC" role="group">
        {ticks.map((t) => (
          <span
            key={t.at}
            className="absolute top-0 border-l border-slate-400 pl-0.5 whitespace-nowrap tabular-nums dark:border-slate-500"
            data-testid="time-tick"
            style={{ left: t.x }}
          >
            {t.label}
          </span>
        ))}
      </div>
    </div>
  );
}

/** Follows the element's content width, so the canvas is drawn at the width it is shown. */
function useWidthOf(ref: RefObject<HTMLDivElement | null>, setWidth: (width: number) => void): void {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => setWidth(Math.floor(entry?.contentRect.width ?? 0)));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref, setWidth]);
}

/**
 * Labels and canvas share one scroll container, so they cannot drift apart; the labels are windowed by
 * react-virtual and the canvas draws only the rows in view, so 5,000 nodes cost what 20 do.
 */
export function HeatmapGrid(p: HeatmapGridProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [scrollTop, setScrollTop] = useState(0);
  const [said, setSaid] = useState("");
  const rows = p.data.rows;
  const cols = bucketCount(p.data.edges);
  const height = Math.min(MAX_VIEWPORT, Math.max(ROW_HEIGHT, rows.length * ROW_HEIGHT));

  useWidthOf(plotRef, setWidth);

  // The virtualizer's items are read during this render only and never passed to memoized children as
  // functions, which is the case the rule warns about.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const layout: GridLayout = useMemo(() => ({ rows: rows.length, cols, rowHeight: ROW_HEIGHT, width }), [rows.length, cols, width]);
  const selectedSet = useMemo(() => new Set(p.selected), [p.selected]);
  const selectedRows = useMemo(() => new Set(rows.flatMap((r, i) => (selectedSet.has(r.nodeId) ? [i] : []))), [rows, selectedSet]);

  return (
    <div>
      <GridHeader edges={p.data.edges} width={width} />
      <div ref={scrollRef} className="overflow-y-auto overscroll-contain" style={{ height }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        <div className="flex" style={{ height: virtual.getTotalSize() }}>
          <div className="relative shrink-0" style={{ width: LABEL_WIDTH }}>
            <RowLabels
              rows={rows}
              items={virtual.getVirtualItems()}
              rowHeight={ROW_HEIGHT}
              selected={selectedSet}
              nodeHref={p.nodeHref}
              onSelect={p.onSelect}
            />
          </div>
          <div ref={plotRef} className="min-w-0 flex-1">
            <HeatmapCanvas
              matrix={p.data}
              layout={layout}
              scrollTop={scrollTop}
              height={height}
              keyed={p.keyed}
              steps={p.steps}
              theme={p.theme}
              selectedRows={selectedRows}
              opened={p.opened}
              onOpen={p.onOpen}
              onClose={p.onClose}
              onToggleRow={(row) => {
                const id = rows[row]?.nodeId;
                if (id) p.onSelect(id, false);
              }}
              onAnnounce={setSaid}
              scrollTo={(top) => {
                if (scrollRef.current && top !== scrollRef.current.scrollTop) scrollRef.current.scrollTop = top;
              }}
            />
          </div>
        </div>
      </div>
      <p aria-live="polite" data-testid="heatmap-focus" className="mt-1 min-h-4 text-xs text-slate-600 dark:text-slate-300">
        {said}
      </p>
    </div>
  );
}
