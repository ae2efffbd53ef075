import { describe, expect, it } from "vitest";
import type { HeatmapRow } from "./types";
import { binomialTail, judge, poissonTail } from "./verdict";

const row = (nodeId: string, failures: number, completed?: number): HeatmapRow => ({
  nodeId,
  state: "idle",
  gone: false,
  failures,
  ...(completed !== undefined ? { completed, failureRate: failures / Math.max(1, completed) } : {}),
});
const sorted = (rows: HeatmapRow[]) => [...rows].sort((a, b) => b.failures - a.failures);
const total = (rows: HeatmapRow[]) => rows.reduce((a, r) => a + r.failures, 0);

describe("judge", () => {
  it("names three black-hole nodes even when a background job bug carries most failures", () => {
    // The incident's last hour: three nodes failing most of what they run, a job bug failing two tasks
    // on most other nodes. The bad nodes hold only about a third of the failures.
    const rows = sorted([
      row("bad-1", 13, 19),
      row("bad-2", 11, 15),
      row("bad-3", 8, 9),
      row("busy", 4, 13),
      ...Array.from({ length: 29 }, (_, i) => row(`bg-${i}`, 2, 9)),
      ...Array.from({ length: 60 }, (_, i) => row(`ok-${i}`, 0, 8)),
    ]);
    const v = judge(rows, total(rows));
    expect(v.kind).toBe("concentrated");
    expect(v.topNodes).toEqual(["bad-1", "bad-2", "bad-3"]);
    expect(v.text).toMatch(/^3 nodes account for \d+% of failures: likely a node problem — take them out of service; the other /);
    expect(v.text).toMatch(/; the other \d+% are spread over 30 nodes — read their task logs too$/);
  });

  it("does not take chance for a bad node: a job bug with few tasks per node is spread", () => {
    // 100 nodes × 20 tasks at 6 %: some nodes reach 3 or 4 failures by luck alone.
    const rows = sorted(Array.from({ length: 100 }, (_, i) => row(`n${i}`, i < 10 ? 4 : i < 30 ? 2 : i < 60 ? 1 : 0, 20)));
    expect(judge(rows, total(rows)).kind).toBe("spread");
  });

  it("names every one of six equally broken nodes", () => {
    const rows = sorted([
      ...Array.from({ length: 6 }, (_, i) => row(`bad-${i}`, 30, 35)),
      ...Array.from({ length: 94 }, (_, i) => row(`ok-${i}`, i % 10 === 0 ? 1 : 0, 35)),
    ]);
    const v = judge(rows, total(rows));
    expect(v.kind).toBe("concentrated");
    expect(v.topNodes).toHaveLength(6);
  });

  it("says spread when too many nodes stand out to be 'a few bad nodes'", () => {
    const rows = sorted(Array.from({ length: 20 }, (_, i) => row(`n${i}`, i < 8 ? 30 : 0, 35)));
    expect(judge(rows, total(rows)).kind).toBe("spread");
  });

  it("works from failure counts alone when no completed counts are known", () => {
    const rows = sorted([row("bad", 40), ...Array.from({ length: 50 }, (_, i) => row(`n${i}`, i % 2))]);
    expect(judge(rows, total(rows))).toMatchObject({ kind: "concentrated", topNodes: ["bad"] });
  });

  it("has nothing to say without failures", () => {
    expect(judge([row("a", 0, 5)], 0).kind).toBe("none");
  });
});

describe("tail probabilities", () => {
  it("match known values", () => {
    expect(binomialTail(1, 1, 0.5)).toBeCloseTo(0.5);
    expect(binomialTail(3, 20, 0.06)).toBeCloseTo(0.115, 2);
    expect(binomialTail(13, 19, 0.07)).toBeLessThan(1e-9);
    expect(binomialTail(0, 10, 0.1)).toBe(1);
    expect(poissonTail(1, 1)).toBeCloseTo(1 - Math.exp(-1));
    expect(poissonTail(40, 0.5)).toBeLessThan(1e-40);
  });

  it("stays finite for thousands of tasks", () => {
    const p = binomialTail(300, 5000, 0.03);
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThan(1e-6);
  });
});
