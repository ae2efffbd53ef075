import { describe, expect, it } from "vitest";
import { cellTasksWindow, openedCellSpan, pinnedWindowOf, spanInside } from "./cell-span";
import { bucketEdges } from "./window";

const at = Date.parse("2026-12-03T12:04:29.559Z");
const live = { window: "1h" as const, from: null, to: null };

describe("openedCellSpan", () => {
  it("is cellAt to cellTo when the link carries both", () => {
    expect(openedCellSpan(at, at + 60_000, live)).toEqual({ from: at, to: at + 60_000 });
  });
  it("is one bucket of the link's relative window from cellAt for a link without cellTo", () => {
    expect(openedCellSpan(at, null, live)).toEqual({ from: at, to: at + 60_000 });
    expect(openedCellSpan(at, null, { ...live, window: "6h" })).toEqual({ from: at, to: at + 360_000 });
  });
  it("is one bucket of a pinned window, and ignores a cellTo not after cellAt", () => {
    const pinned = { window: "1h" as const, from: at - 7_200_000, to: at };
    expect(openedCellSpan(at, at, pinned)).toEqual({ from: at, to: at + 120_000 });
  });
});

describe("spanInside", () => {
  const edges = bucketEdges({ from: at, to: at + 3_600_000 }, 60);
  it("holds for a bucket of the window, also the first and the last", () => {
    expect(spanInside({ from: at, to: at + 60_000 }, edges)).toBe(true);
    expect(spanInside({ from: at + 3_540_000, to: at + 3_600_000 }, edges)).toBe(true);
  });
  it("fails once the window has slid past even part of the span", () => {
    expect(spanInside({ from: at - 1, to: at + 59_999 }, edges)).toBe(false);
    expect(spanInside({ from: at - 120_000, to: at - 60_000 }, edges)).toBe(false);
    expect(spanInside({ from: at, to: at + 1 }, [])).toBe(false);
  });
});

describe("pinnedWindowOf", () => {
  it("is as long as the URL's window and has the cell as its last column exactly", () => {
    const span = { from: at, to: at + 60_000 };
    const w = pinnedWindowOf(span, live);
    expect(w).toEqual({ from: at + 60_000 - 3_600_000, to: at + 60_000 });
    const edges = bucketEdges(w, 60);
    expect(edges.slice(-2)).toEqual([span.from, span.to]);
  });
});

describe("cellTasksWindow", () => {
  const edges = bucketEdges({ from: at, to: at + 3_600_000 }, 60);
  it("is the view's window while the cell lies in it, else the cell's span pinned", () => {
    expect(cellTasksWindow({ from: at, to: at + 60_000 }, edges, { window: "1h" })).toEqual({ window: "1h" });
    expect(cellTasksWindow({ from: at - 60_000, to: at }, edges, { window: "1h" })).toEqual({
      from: "2026-12-03T12:03:29.559Z",
      to: "2026-12-03T12:04:29.559Z",
    });
  });
});
