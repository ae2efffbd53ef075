import { describe, expect, it } from "vitest";
import { cellRect, hitTest, scrollToRow, visibleRows, type GridLayout } from "@/components/heatmap/geometry";

const layout: GridLayout = { rows: 5_000, cols: 120, rowHeight: 20, width: 600 };

describe("heatmap cell geometry", () => {
  it("finds the cell under a point, scroll offset included", () => {
    expect(hitTest(layout, 0, 0)).toEqual({ row: 0, col: 0 });
    expect(hitTest(layout, 4.99, 19.99)).toEqual({ row: 0, col: 0 });
    expect(hitTest(layout, 5, 20)).toEqual({ row: 1, col: 1 });
    expect(hitTest(layout, 599.9, 5_000 * 20 - 1)).toEqual({ row: 4_999, col: 119 });
  });

  it("answers null outside the grid", () => {
    expect(hitTest(layout, -1, 10)).toBeNull();
    expect(hitTest(layout, 600, 10)).toBeNull();
    expect(hitTest(layout, 10, 5_000 * 20)).toBeNull();
    expect(hitTest({ ...layout, rows: 0 }, 1, 1)).toBeNull();
  });

  it("draws cells edge to edge on whole pixels, and hit-testing agrees with drawing", () => {
    const odd: GridLayout = { rows: 3, cols: 7, rowHeight: 18, width: 500 };
    let x = 0;
    for (let col = 0; col < 7; col++) {
      const r = cellRect(odd, { row: 2, col });
      expect(r.x).toBe(x);
      expect(Number.isInteger(r.w)).toBe(true);
      expect(r.y).toBe(36);
      expect(hitTest(odd, r.x + r.w / 2, r.y + r.h / 2)).toEqual({ row: 2, col });
      x += r.w;
    }
    expect(x).toBe(500);
  });

  it("lists only the rows in view", () => {
    expect(visibleRows(layout, 0, 400)).toEqual([0, 19]);
    expect(visibleRows(layout, 10, 400)).toEqual([0, 20]);
    expect(visibleRows(layout, 99_900, 400)).toEqual([4_995, 4_999]);
    expect(visibleRows({ ...layout, rows: 0 }, 0, 400)).toEqual([0, -1]);
  });

  it("scrolls just enough to bring a row into view", () => {
    expect(scrollToRow(layout, 5, 0, 400)).toBe(0);
    expect(scrollToRow(layout, 20, 0, 400)).toBe(20);
    expect(scrollToRow(layout, 3, 200, 400)).toBe(60);
  });
});
