"use client";

import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent, type RefObject } from "react";
import { announce, cellInfo, type CellInfo, type HeatmapMatrix } from "./cell-info";
import type { KeyColouring } from "./colouring";
import { drawHeatmap } from "./draw";
import { hitTest, scrollToRow, type Cell, type GridLayout } from "./geometry";
import { isNavKey, moveFocus } from "./navigation";
import type { ScaleStep, Theme } from "./scale";
import { HeatmapTooltip } from "./heatmap-tooltip";

export interface HeatmapCanvasProps {
  matrix: HeatmapMatrix;
  layout: GridLayout;
  scrollTop: number;
  height: number;
  keyed: KeyColouring | undefined;
  steps: readonly ScaleStep[];
  theme: Theme;
  selectedRows: ReadonlySet<number>;
  opened: Cell | null;
  onOpen: (cell: Cell) => void;
  onClose: () => void;
  onToggleRow: (row: number) => void;
  scrollTo: (top: number) => void;
  /** The focused cell in words, for the live region beside the grid. */
  onAnnounce: (text: string) => void;
}

type Hover = { cell: Cell; x: number; y: number } | null;

/** Draws the grid on the next animation frame whenever anything it shows changes. */
function useDrawing(ref: RefObject<HTMLCanvasElement | null>, p: HeatmapCanvasProps, hover: Cell | null, focus: Cell | null) {
  const painted = useRef(false);
  const { layout, scrollTop, height } = p;
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const frame = requestAnimationFrame(() => {
      drawHeatmap(canvas, {
        layout,
        scrollTop,
        height,
        dpr: window.devicePixelRatio || 1,
        counts: p.matrix.counts,
        keyed: p.keyed,
        steps: p.steps,
        theme: p.theme,
        selectedRows: p.selectedRows,
        hover,
        focus,
        opened: p.opened,
      });
      // One User Timing mark, once per mount, when cells first reach the canvas (rows and a measured width):
      // tests/bench/heatmap-ui.bench.ts reads it as "navigation → heatmap painted". Costs nothing otherwise.
      if (!painted.current && layout.rows > 0 && layout.width > 0) {
        painted.current = true;
        performance.mark("heatmap-painted");
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [ref, layout, scrollTop, height, p.matrix, p.keyed, p.steps, p.theme, p.selectedRows, p.opened, hover, focus]);
}

/**
 * Says the focused cell in words, from the matrix shown now: after a refresh the sentence names the same
 * bucket times as the opened cell's task list, not those of the answer the focus was set under.
 */
function useAnnounce(p: HeatmapCanvasProps, focus: Cell | null) {
  const { matrix, layout, onAnnounce } = p;
  const row = focus?.row;
  const col = focus?.col;
  useEffect(() => {
    // No cell focused or opened (an opened cell the window has left): say nothing rather than a stale cell.
    if (row === undefined || col === undefined) {
      onAnnounce("");
      return;
    }
    const info = cellInfo(matrix, row, col);
    if (info) onAnnounce(announce(info, layout.rows, layout.cols));
  }, [matrix, row, col, layout.rows, layout.cols, onAnnounce]);
}

/** The grid's keys: arrows and paging move the focus cell, Enter opens it, Space selects its row, Escape closes. */
function handleGridKey(e: KeyboardEvent<HTMLCanvasElement>, p: HeatmapCanvasProps, focus: Cell | null, moveTo: (cell: Cell, opens?: boolean) => void) {
  const { layout, height } = p;
  if (layout.rows === 0) return;
  const current = focus ?? { row: 0, col: 0 };
  if (isNavKey(e.key)) {
    e.preventDefault();
    const grid = { rows: layout.rows, cols: layout.cols, pageRows: Math.floor(height / layout.rowHeight) };
    moveTo(focus ? moveFocus(current, e.key, grid, e.ctrlKey || e.metaKey) : current);
  } else if (e.key === "Enter") {
    e.preventDefault();
    moveTo(current, true);
    p.onOpen(current);
  } else if (e.key === " ") {
    e.preventDefault();
    p.onToggleRow(current.row);
  } else if (e.key === "Escape") {
    p.onClose();
  }
}

function gridLabel(layout: GridLayout): string {
  return (
    `Failure heatmap, ${layout.rows} nodes by ${layout.cols} time buckets. Arrow keys move between cells, ` +
    "Enter opens the failed tasks of a cell, Space selects the node."
  );
}

/**
 * The drawn grid and everything that talks to it: pointer hover and click, and a keyboard focus cell
 * (arrows, Home/End, PageUp/PageDown, Enter opens, Space selects the row, Escape closes) announced in
 * words through a live region, so the heatmap is usable without a mouse or without sight. Focus that
 * enters from the keyboard (Tab, the skip link) lands on the first row; a click lands on the clicked cell.
 */
export function HeatmapCanvas(p: HeatmapCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const pointerDown = useRef(false);
  const [hover, setHover] = useState<Hover>(null);
  const [focused, setFocused] = useState<{ cell: Cell; opened: boolean } | null>(null);
  const { layout, scrollTop, height } = p;
  // A focus that opened its cell stays on it: a refresh slides a live window and the opened cell is found
  // again by its time (openedCell), so the focus, its outline and the sentence below follow it there. A page
  // opened from a link with a cell open starts focused on that cell, so the sentence names it then too.
  const focus = focused ? (focused.opened && p.opened ? p.opened : focused.cell) : p.opened;
  useDrawing(ref, p, hover?.cell ?? null, focus);
  // The grid scrolled under a still pointer (the wheel): the tooltip names the cell now under it, not the last one moved over.
  useEffect(() => {
    setHover((h) => {
      const r = ref.current?.getBoundingClientRect();
      if (!h || !r) return h;
      const cell = hitTest(layout, h.x - r.left, h.y - r.top + scrollTop);
      return cell ? { ...h, cell } : null;
    });
  }, [layout, scrollTop]);
  useAnnounce(p, focus);

  const cellAtPointer = (e: MouseEvent<HTMLCanvasElement>): Cell | null => {
    const r = e.currentTarget.getBoundingClientRect();
    return hitTest(layout, e.clientX - r.left, e.clientY - r.top + scrollTop);
  };
  const moveTo = (next: Cell, opens = false) => {
    setFocused({ cell: next, opened: opens });
    p.scrollTo(scrollToRow(layout, next.row, scrollTop, height));
  };

  const hovered: CellInfo | undefined = hover ? cellInfo(p.matrix, hover.cell.row, hover.cell.col) : undefined;
  return (
    <>
      <canvas
        ref={ref}
        tabIndex={0}
        role="application"
        aria-roledescription="heatmap"
        aria-label={gridLabel(layout)}
        data-testid="heatmap-canvas"
        data-skip-target="heatmap"
        className="sticky top-0 block cursor-pointer outline-none focus-visible:ring-2 focus-visible:ring-blue-600 dark:focus-visible:ring-blue-300"
        style={{ width: layout.width, height }}
        onPointerDown={() => (pointerDown.current = true)}
        onMouseMove={(e) => {
          const cell = cellAtPointer(e);
          setHover(cell ? { cell, x: e.clientX, y: e.clientY } : null);
        }}
        onMouseLeave={() => setHover(null)}
        onClick={(e) => {
          pointerDown.current = false;
          const cell = cellAtPointer(e);
          if (!cell) return;
          moveTo(cell, true);
          p.onOpen(cell);
        }}
        onFocus={() => {
          // A click focuses first and then names its own cell; jumping to the first row would scroll it away.
          if (pointerDown.current || layout.rows === 0) return;
          moveTo(focus ?? { row: 0, col: 0 });
        }}
        onBlur={() => (pointerDown.current = false)}
        onKeyDown={(e) => handleGridKey(e, p, focus, moveTo)}
      />
      {hovered && hover && <HeatmapTooltip info={hovered} x={hover.x} y={hover.y} />}
    </>
  );
}
