import { describe, expect, it } from "vitest";
import { moveFocus, selectionSummary, selectRange, toggleRow } from "@/components/heatmap/navigation";

const grid = { rows: 10, cols: 6, pageRows: 4 };

describe("heatmap keyboard focus", () => {
  it("moves one cell per arrow and stops at the edges", () => {
    expect(moveFocus({ row: 0, col: 0 }, "ArrowDown", grid)).toEqual({ row: 1, col: 0 });
    expect(moveFocus({ row: 0, col: 0 }, "ArrowUp", grid)).toEqual({ row: 0, col: 0 });
    expect(moveFocus({ row: 0, col: 0 }, "ArrowLeft", grid)).toEqual({ row: 0, col: 0 });
    expect(moveFocus({ row: 0, col: 5 }, "ArrowRight", grid)).toEqual({ row: 0, col: 5 });
    expect(moveFocus({ row: 9, col: 2 }, "ArrowDown", grid)).toEqual({ row: 9, col: 2 });
  });

  it("goes to the row's ends with Home/End and the grid's with Ctrl", () => {
    expect(moveFocus({ row: 3, col: 2 }, "Home", grid)).toEqual({ row: 3, col: 0 });
    expect(moveFocus({ row: 3, col: 2 }, "End", grid)).toEqual({ row: 3, col: 5 });
    expect(moveFocus({ row: 3, col: 2 }, "Home", grid, true)).toEqual({ row: 0, col: 2 });
    expect(moveFocus({ row: 3, col: 2 }, "End", grid, true)).toEqual({ row: 9, col: 2 });
  });

  it("pages by a screenful of rows, clamped", () => {
    expect(moveFocus({ row: 3, col: 1 }, "PageDown", grid)).toEqual({ row: 7, col: 1 });
    expect(moveFocus({ row: 8, col: 1 }, "PageDown", grid)).toEqual({ row: 9, col: 1 });
    expect(moveFocus({ row: 2, col: 1 }, "PageUp", grid)).toEqual({ row: 0, col: 1 });
  });

  it("pulls a focus left outside a shrunken grid back inside", () => {
    expect(moveFocus({ row: 50, col: 50 }, "ArrowLeft", grid)).toEqual({ row: 9, col: 4 });
    expect(moveFocus({ row: 3, col: 3 }, "ArrowUp", { rows: 0, cols: 0, pageRows: 1 })).toEqual({ row: 0, col: 0 });
  });
});

describe("heatmap row selection", () => {
  const order = ["n1", "n2", "n3", "n4", "n5"];

  it("toggles one row and keeps row order", () => {
    expect(toggleRow([], "n3", order)).toEqual(["n3"]);
    expect(toggleRow(["n3"], "n1", order)).toEqual(["n1", "n3"]);
    expect(toggleRow(["n1", "n3"], "n1", order)).toEqual(["n3"]);
  });

  it("shift-selects the range from the anchor, in either direction, adding to the selection", () => {
    expect(selectRange([], "n2", "n4", order)).toEqual(["n2", "n3", "n4"]);
    expect(selectRange(["n5"], "n4", "n1", order)).toEqual(["n1", "n2", "n3", "n4", "n5"]);
  });

  it("falls back to a toggle without an anchor on screen", () => {
    expect(selectRange([], undefined, "n2", order)).toEqual(["n2"]);
    expect(selectRange([], "gone-node", "n2", order)).toEqual(["n2"]);
  });

  it("keeps selected nodes that left the screen, after the ones on it", () => {
    expect(toggleRow(["zz-old"], "n2", order)).toEqual(["n2", "zz-old"]);
  });

  it("says how many nodes are selected", () => {
    expect(selectionSummary(0)).toBe("No nodes selected");
    expect(selectionSummary(1)).toBe("1 node selected");
    expect(selectionSummary(3)).toBe("3 nodes selected");
  });
});
