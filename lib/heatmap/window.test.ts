import { describe, expect, it } from "vitest";
import { RELATIVE_WINDOWS, WINDOW_DURATION_MS, bucketEdges, bucketOf, isRelativeWindow, pinWindow, resolveWindow } from "./window";

const NOW = Date.UTC(2024, 4, 1, 12, 0, 0);
const H = 3_600_000;

describe("resolveWindow", () => {
  it("defaults to the last hour of the service clock", () => {
    expect(resolveWindow({}, NOW)).toEqual({ from: NOW - H, to: NOW });
  });

  it("resolves every relative window against the service clock", () => {
    for (const w of RELATIVE_WINDOWS) {
      expect(resolveWindow({ window: w }, NOW)).toEqual({ from: NOW - WINDOW_DURATION_MS[w], to: NOW });
    }
    expect(resolveWindow({ window: "7d" }, NOW).from).toBe(NOW - 7 * 24 * H);
  });

  it("lets absolute from/to win over a relative window", () => {
    const from = NOW - 10 * 24 * H;
    const to = NOW - 9 * 24 * H;
    expect(resolveWindow({ window: "15m", from, to }, NOW)).toEqual({ from, to });
  });

  it("treats a lone from as 'until now' and a lone to as the span ending then", () => {
    expect(resolveWindow({ from: NOW - 5 * H }, NOW)).toEqual({ from: NOW - 5 * H, to: NOW });
    expect(resolveWindow({ to: NOW - H, window: "6h" }, NOW)).toEqual({ from: NOW - 7 * H, to: NOW - H });
    expect(resolveWindow({ to: NOW - H }, NOW)).toEqual({ from: NOW - 2 * H, to: NOW - H });
  });

  it("rejects empty, inverted and non-finite windows", () => {
    expect(() => resolveWindow({ from: NOW, to: NOW }, NOW)).toThrow(RangeError);
    expect(() => resolveWindow({ from: NOW, to: NOW - 1 }, NOW)).toThrow(RangeError);
    expect(() => resolveWindow({ from: Number.NaN, to: NOW }, NOW)).toThrow(RangeError);
    expect(() => resolveWindow({}, Number.NaN)).toThrow(RangeError);
  });

  it("recognises relative window names", () => {
    expect(isRelativeWindow("24h")).toBe(true);
    expect(isRelativeWindow("2h")).toBe(false);
    expect(isRelativeWindow(undefined)).toBe(false);
  });
});

describe("pinWindow", () => {
  it("turns a relative window into the absolute bounds on screen", () => {
    const pinned = pinWindow({ window: "6h" }, NOW);
    expect(pinned).toEqual({ from: NOW - 6 * H, to: NOW });
    // A week later the pinned link resolves to the same bounds.
    expect(resolveWindow(pinned, NOW + 7 * 24 * H)).toEqual(pinned);
  });

  it("keeps an already absolute window", () => {
    expect(pinWindow({ from: 1_000, to: 2_000 }, NOW)).toEqual({ from: 1_000, to: 2_000 });
  });
});

describe("bucketEdges", () => {
  it("returns buckets + 1 evenly spaced edges from `from` to `to`", () => {
    const edges = bucketEdges({ from: NOW - H, to: NOW }, 120);
    expect(edges).toHaveLength(121);
    expect(edges[0]).toBe(NOW - H);
    expect(edges[120]).toBe(NOW);
    for (let i = 0; i < 120; i++) expect(edges[i + 1]! - edges[i]!).toBe(30_000);
  });

  it("keeps edges whole milliseconds when the span does not divide", () => {
    const edges = bucketEdges({ from: 0, to: 1_000 }, 3);
    expect(edges).toEqual([0, 333, 666, 1_000]);
  });

  it("handles a single bucket", () => {
    expect(bucketEdges({ from: 5, to: 10 }, 1)).toEqual([5, 10]);
  });

  it("rejects a bad bucket count or window", () => {
    expect(() => bucketEdges({ from: 0, to: 10 }, 0)).toThrow(RangeError);
    expect(() => bucketEdges({ from: 0, to: 10 }, 2.5)).toThrow(RangeError);
    expect(() => bucketEdges({ from: 10, to: 10 }, 4)).toThrow(RangeError);
  });
});

describe("bucketOf", () => {
  it("puts boundary points in the later bucket: from inclusive, to exclusive", () => {
    const edges = bucketEdges({ from: 0, to: 1_000 }, 3); // [0, 333, 666, 1000]
    expect(bucketOf(edges, 0)).toBe(0);
    expect(bucketOf(edges, 332)).toBe(0);
    expect(bucketOf(edges, 333)).toBe(1);
    expect(bucketOf(edges, 665.9)).toBe(1);
    expect(bucketOf(edges, 666)).toBe(2);
    expect(bucketOf(edges, 999)).toBe(2);
    expect(bucketOf(edges, 1_000)).toBe(-1);
    expect(bucketOf(edges, -1)).toBe(-1);
    expect(bucketOf(edges, Number.NaN)).toBe(-1);
  });

  it("agrees with the edges for every millisecond of an uneven split", () => {
    const edges = bucketEdges({ from: 17, to: 17 + 997 }, 7);
    for (let t = 17; t < 17 + 997; t++) {
      const b = bucketOf(edges, t);
      expect(t >= edges[b]! && t < edges[b + 1]!).toBe(true);
    }
  });
});
