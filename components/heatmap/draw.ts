import { cellRect, visibleRows, type Cell, type GridLayout } from "./geometry";
import type { KeyColouring } from "./colouring";
import { countColor, type ScaleStep, type Theme } from "./scale";

export interface DrawInput {
  layout: GridLayout;
  scrollTop: number;
  height: number;
  dpr: number;
  counts: readonly number[];
  /** the colouring by category, job or exit code; undefined colours by count */
  keyed: KeyColouring | undefined;
  steps: readonly ScaleStep[];
  theme: Theme;
  selectedRows: ReadonlySet<number>;
  hover: Cell | null;
  focus: Cell | null;
  opened: Cell | null;
}

const INK: Record<Theme, string> = { light: "#0f172a", dark: "#f8fafc" };
const FOCUS: Record<Theme, string> = { light: "#1d4ed8", dark: "#93c5fd" };
const SELECTED_BAND: Record<Theme, string> = { light: "rgba(37, 99, 235, 0.22)", dark: "rgba(147, 197, 253, 0.25)" };

/**
 * Paints the rows in view, and only those: the cost of a frame depends on the viewport, not on the 5,000
 * rows of a large pool. The canvas stays put at the top of the scroll viewport; rows are offset by the
 * scroll position.
 */
export function drawHeatmap(canvas: HTMLCanvasElement, d: DrawInput): void {
  const cssW = Math.max(0, Math.floor(d.layout.width));
  const cssH = Math.max(0, Math.floor(d.height));
  const pxW = Math.round(cssW * d.dpr);
  const pxH = Math.round(cssH * d.dpr);
  if (canvas.width !== pxW) canvas.width = pxW;
  if (canvas.height !== pxH) canvas.height = pxH;
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  ctx.setTransform(d.dpr, 0, 0, d.dpr, 0, 0);
  ctx.clearRect(0, 0, cssW, cssH);
  const [first, last] = visibleRows(d.layout, d.scrollTop, cssH);
  const cols = d.layout.cols;
  for (let row = first; row <= last; row++) {
    const band = cellRect(d.layout, { row, col: 0 });
    const y = band.y - d.scrollTop;
    if (d.selectedRows.has(row)) {
      ctx.fillStyle = SELECTED_BAND[d.theme];
      ctx.fillRect(0, y, cssW, d.layout.rowHeight);
    }
    for (let col = 0; col < cols; col++) {
      const i = row * cols + col;
      const count = d.counts[i] ?? 0;
      const r = cellRect(d.layout, { row, col });
      // A one-pixel gutter keeps neighbouring cells apart; on very narrow columns it would eat the cell.
      const gap = r.w >= 4 ? 1 : 0;
      ctx.fillStyle = d.keyed && count > 0 ? d.keyed.colour(d.keyed.dominant[i] ?? -1) : countColor(count, d.steps, d.theme);
      ctx.fillRect(r.x, y + 1, r.w - gap, r.h - 2);
    }
  }
  const outline = (c: Cell | null, color: string, width: number, dash: number[] = []) => {
    if (!c || c.row < first || c.row > last) return;
    const r = cellRect(d.layout, c);
    ctx.save();
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.setLineDash(dash);
    ctx.strokeRect(r.x + width / 2, r.y - d.scrollTop + width / 2, Math.max(1, r.w - width), r.h - width);
    ctx.restore();
  };
  outline(d.hover, INK[d.theme], 1);
  outline(d.opened, INK[d.theme], 2);
  outline(d.focus, FOCUS[d.theme], 2, [3, 2]);
}
