import { describe, expect, it } from "vitest";
import { announce, cellInfo } from "@/components/heatmap/cell-info";
import { AXIS_CHAR_PX, axisTicks, bucketRange, columnOf, rangeLabel } from "@/components/heatmap/time-axis";
import { bucketEdges } from "@/lib/heatmap/window";

const from = Date.parse("2026-11-27T10:00:00Z");
const edges = bucketEdges({ from, to: from + 3_600_000 }, 60);

describe("heatmap buckets and time", () => {
  it("maps a column to its [start, end) and a start time back to its column", () => {
    expect(bucketRange(edges, 0)).toEqual({ from, to: from + 60_000 });
    expect(bucketRange(edges, 59)).toEqual({ from: from + 59 * 60_000, to: from + 3_600_000 });
    expect(bucketRange(edges, 60)).toBeUndefined();
    for (let col = 0; col < 60; col++) expect(columnOf(edges, bucketRange(edges, col)!.from)).toBe(col);
    // A cell that starts a moment before the window is still, almost whole, its first column.
    expect(columnOf(edges, from - 1)).toBe(0);
    expect(columnOf(edges, from - 40_000)).toBe(-1);
    expect(columnOf(edges, from + 3_600_000)).toBe(-1);
  });

  it("labels ticks in UTC at round times, evenly spaced", () => {
    const ticks = axisTicks(edges, 6 * 72);
    expect(ticks.map((t) => t.label)).toEqual(["10:00", "10:10", "10:20", "10:30", "10:40", "10:50"]);
    // A live window starts at any second: its ticks still fall on round times.
    const live = Date.parse("2026-11-27T10:03:27Z");
    expect(axisTicks(bucketEdges({ from: live, to: live + 3_600_000 }, 60), 6 * 72).map((t) => t.label)).toEqual(["10:10", "10:20", "10:30", "10:40", "10:50"]);
    expect(axisTicks([], 500)).toEqual([]);
  });

  // An operator found the 24-hour axis naming no date where it crossed midnight, and the 7-day axis's ticks
  // at the window's odd start time (10:00 every day), not at the days' boundaries.
  it("dates the first tick and the tick at midnight on a 24-hour axis that crosses a day", () => {
    const start = Date.parse("2026-11-27T14:44:10Z");
    const ticks = axisTicks(bucketEdges({ from: start, to: start + 86_400_000 }, 96), 750);
    expect(ticks[0]!.label).toMatch(/^11-27 \d\d:00$/);
    const midnight = ticks.find((t) => t.at === Date.parse("2026-11-28T00:00:00Z"));
    expect(midnight?.label).toBe("11-28 00:00");
    // Only those two carry the date; the rest are the clock.
    expect(ticks.filter((t) => t.label.length > 5).map((t) => t.label)).toEqual([ticks[0]!.label, "11-28 00:00"]);
    // A day's axis that does not cross midnight names no date.
    expect(axisTicks(bucketEdges({ from, to: from + 6 * 3_600_000 }, 72), 750).every((t) => t.label.length === 5)).toBe(true);
  });

  it("puts the 7-day axis's ticks at UTC midnights, labelled by the date", () => {
    const week = bucketEdges({ from: Date.parse("2026-11-27T10:17:00Z"), to: Date.parse("2026-12-04T10:17:00Z") }, 84);
    const ticks = axisTicks(week, 750);
    expect(ticks.map((t) => t.label)).toEqual(["11-28", "11-29", "11-30", "12-01", "12-02", "12-03", "12-04"]);
    for (const t of ticks) expect(t.at % 86_400_000).toBe(0);
  });

  // At 1280 px the plot is about 750 px wide; the 7-day window's labels ("11-28 10:00") are twice as long
  // as the hour's, and ticks spaced for the short ones ran each label into the next tick.
  it("spaces ticks by their labels' length, so no label reaches the next tick or past the axis' end", () => {
    const week = bucketEdges({ from, to: from + 7 * 86_400_000 }, 60);
    for (const [w, width] of [
      [edges, 750],
      [week, 750],
      [week, 400],
      [week, 1400],
    ] as const) {
      const ticks = axisTicks(w, width);
      expect(ticks.length).toBeGreaterThan(1);
      ticks.forEach((t, i) => {
        const end = t.x + t.label.length * AXIS_CHAR_PX;
        expect(end).toBeLessThanOrEqual(width);
        const next = ticks[i + 1];
        if (next) expect(end + 8, `${t.label} then ${next.label} at ${width}px`).toBeLessThanOrEqual(next.x);
      });
    }
  });

  it("prints a cell's range in UTC, with dates across midnight", () => {
    expect(rangeLabel(from, from + 60_000)).toBe("10:00–10:01 UTC");
    const late = Date.parse("2026-11-27T23:59:00Z");
    expect(rangeLabel(late, late + 120_000)).toBe("11-27 23:59–00:01 UTC");
  });
});

describe("heatmap cell info", () => {
  const m = {
    rows: [
      { nodeId: "tvm-a", state: "idle", gone: false, failures: 3 },
      { nodeId: "tvm-b", state: "idle", gone: true, failures: 1 },
    ],
    edges: edges.slice(0, 3),
    counts: [3, 0, 0, 1],
    dominant: [1, -1, -1, 0],
    categories: ["Application", "Node"],
  };

  it("reads a cell's count and dominant category from the row-major matrix", () => {
    expect(cellInfo(m, 0, 0)).toMatchObject({ nodeId: "tvm-a", count: 3, dominant: "Node", from, to: from + 60_000 });
    expect(cellInfo(m, 0, 1)).toMatchObject({ count: 0 });
    expect(cellInfo(m, 0, 1)?.dominant).toBeUndefined();
    expect(cellInfo(m, 1, 1)).toMatchObject({ nodeId: "tvm-b", state: "gone", count: 1, dominant: "Application" });
    expect(cellInfo(m, 2, 0)).toBeUndefined();
    expect(cellInfo(m, 0, 2)).toBeUndefined();
  });

  it("announces a cell in one sentence", () => {
    expect(announce(cellInfo(m, 0, 0)!, 2, 2)).toBe("Node tvm-a (idle), 10:00–10:01 UTC: 3 failed tasks, mostly Node. Row 1 of 2, column 1 of 2.");
  });
});
