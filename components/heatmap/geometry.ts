/**
 * Cell geometry of the canvas: which cell is under a point, where a cell is drawn, and which rows are in
 * view. Pure, so hit-testing is tested without a browser. Coordinates are CSS pixels; `y` is measured from
 * the top of the whole grid (scroll offset included), so only visible rows are ever drawn.
 */
export interface GridLayout {
  rows: number;
  cols: number;
  rowHeight: number;
  /** Width of the drawing area; columns share it equally. */
  width: number;
}

export interface Cell {
  row: number;
  col: number;
}

export function colWidth(l: GridLayout): number {
  return l.cols > 0 ? l.width / l.cols : 0;
}

/** The cell under a point, or null outside the grid. */
export function hitTest(l: GridLayout, x: number, y: number): Cell | null {
  if (l.rows === 0 || l.cols === 0 || x < 0 || y < 0 || x >= l.width) return null;
  const row = Math.floor(y / l.rowHeight);
  const col = Math.floor(x / colWidth(l));
  if (row >= l.rows || col >= l.cols) return null;
  return { row, col };
}

/** Pixel rectangle of a cell, snapped to whole pixels so neighbours share an edge with no seam or overlap. */
export function cellRect(l: GridLayout, c: Cell): { x: number; y: number; w: number; h: number } {
  const cw = colWidth(l);
  const x0 = Math.round(c.col * cw);
  const x1 = Math.round((c.col + 1) * cw);
  return { x: x0, y: c.row * l.rowHeight, w: x1 - x0, h: l.rowHeight };
}

/** Rows intersecting the viewport [scrollTop, scrollTop + height), clamped, as [first, last] inclusive. */
export function visibleRows(l: GridLayout, scrollTop: number, height: number): [number, number] {
  if (l.rows === 0 || height <= 0) return [0, -1];
  const first = Math.max(0, Math.floor(scrollTop / l.rowHeight));
  const last = Math.min(l.rows - 1, Math.ceil((scrollTop + height) / l.rowHeight) - 1);
  return [first, last];
}

/** The scrollTop that brings `row` fully into view, or the current one when it already is. */
export function scrollToRow(l: GridLayout, row: number, scrollTop: number, height: number): number {
  const top = row * l.rowHeight;
  const bottom = top + l.rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + height) return bottom - height;
  return scrollTop;
}
