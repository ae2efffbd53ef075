import type { Cell } from "./geometry";

/**
 * Keyboard navigation and row selection of the heatmap, as pure functions of (state, input) so every key
 * is tested without a browser. The selection itself lives in the URL (`sel`); these only compute the
 * next value.
 */

export type NavKey = "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight" | "Home" | "End" | "PageUp" | "PageDown";

const NAV_KEYS = new Set<string>(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End", "PageUp", "PageDown"]);
export const isNavKey = (key: string): key is NavKey => NAV_KEYS.has(key);

/**
 * The focus after a key: arrows move one cell, Home/End go to the row's first/last bucket (with Ctrl, to
 * the first/last row), PageUp/PageDown move a screenful of rows. Always clamped to the grid.
 */
export function moveFocus(focus: Cell, key: NavKey, grid: { rows: number; cols: number; pageRows: number }, ctrl = false): Cell {
  if (grid.rows === 0 || grid.cols === 0) return { row: 0, col: 0 };
  const clampRow = (r: number) => Math.min(grid.rows - 1, Math.max(0, r));
  const clampCol = (c: number) => Math.min(grid.cols - 1, Math.max(0, c));
  const { row, col } = { row: clampRow(focus.row), col: clampCol(focus.col) };
  const page = Math.max(1, grid.pageRows);
  switch (key) {
    case "ArrowUp":
      return { row: clampRow(row - 1), col };
    case "ArrowDown":
      return { row: clampRow(row + 1), col };
    case "ArrowLeft":
      return { row, col: clampCol(col - 1) };
    case "ArrowRight":
      return { row, col: clampCol(col + 1) };
    case "Home":
      return ctrl ? { row: 0, col } : { row, col: 0 };
    case "End":
      return ctrl ? { row: grid.rows - 1, col } : { row, col: grid.cols - 1 };
    case "PageUp":
      return { row: clampRow(row - page), col };
    case "PageDown":
      return { row: clampRow(row + page), col };
  }
}

/** Adds or removes one node, keeping the rows' order so the URL does not depend on click order. */
export function toggleRow(selected: readonly string[], nodeId: string, order: readonly string[]): string[] {
  const set = new Set(selected);
  if (set.has(nodeId)) set.delete(nodeId);
  else set.add(nodeId);
  return inOrder(set, order);
}

/**
 * Shift-click: selects every row from the anchor (the last row clicked) to the target, inclusive, adding
 * to what is already selected, as in a file manager. Without an anchor on screen it is a plain toggle.
 */
export function selectRange(selected: readonly string[], anchor: string | undefined, target: string, order: readonly string[]): string[] {
  const a = anchor === undefined ? -1 : order.indexOf(anchor);
  const b = order.indexOf(target);
  if (a < 0 || b < 0) return toggleRow(selected, target, order);
  const set = new Set(selected);
  for (let i = Math.min(a, b); i <= Math.max(a, b); i++) set.add(order[i] as string);
  return inOrder(set, order);
}

/** Selected ids in row order; ids no longer on screen (a node gone from the window) stay, at the end. */
function inOrder(set: ReadonlySet<string>, order: readonly string[]): string[] {
  const onScreen = order.filter((id) => set.has(id));
  const known = new Set(order);
  const elsewhere = [...set].filter((id) => !known.has(id)).sort();
  return [...onScreen, ...elsewhere];
}

export function selectionSummary(count: number): string {
  return count === 0 ? "No nodes selected" : count === 1 ? "1 node selected" : `${count} nodes selected`;
}
