import { describe, expect, it } from "vitest";
import { heatmapResponse } from "./failures";

/** The smallest heatmap answer of one node and two buckets. */
const answer = (cells: unknown) => ({
  asOf: "2026-12-01T00:00:00Z",
  scope: { kind: "pool", id: "p" },
  window: { from: 0, to: 2 },
  edges: [0, 1, 2],
  rows: [{ nodeId: "n1", state: "idle", gone: false, failures: 1 }],
  counts: cells,
  dominant: [0, -1],
  categories: ["Application"],
  totals: { failures: 1, nodesWithFailures: 1, byCategory: { Application: 1 } },
  maxCell: 1,
  verdict: { kind: "none", text: "", topNodes: [], topShare: 0 },
  excluded: { outsideWindow: 0, noNode: 0 },
  colourings: { job: { keys: ["j"], dominant: [0, "x"] } },
  jobsRead: 1,
  pagesRead: 1,
});

describe("heatmapResponse's per-cell arrays", () => {
  it("takes arrays of numbers and refuses anything else, naming the field", () => {
    const ok = answer([1, 0]);
    expect(heatmapResponse.safeParse({ ...ok, colourings: { job: { keys: ["j"], dominant: [0, -1] } } }).success).toBe(true);
    for (const bad of [[1, "0"], [1, null], "1,0", { 0: 1 }]) {
      const r = heatmapResponse.safeParse({ ...answer(bad), colourings: undefined });
      expect(r.success, JSON.stringify(bad)).toBe(false);
      expect(r.error?.issues[0]?.path).toEqual(["counts"]);
    }
    const r = heatmapResponse.safeParse(answer([1, 0]));
    expect(r.error?.issues[0]?.path).toEqual(["colourings", "job", "dominant"]);
  });
});
