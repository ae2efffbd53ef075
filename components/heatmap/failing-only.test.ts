import { describe, expect, it } from "vitest";
import type { HeatmapResponse } from "@/lib/schemas/failures";
import { failingOnly } from "./failing-only";

const row = (nodeId: string, failures: number) => ({ nodeId, state: "idle", gone: false, failures });

describe("failingOnly", () => {
  it("keeps the failing rows and their cells, in every colouring", () => {
    const data = {
      edges: [0, 1, 2],
      rows: [row("a", 2), row("b", 1), row("c", 0)],
      counts: [1, 1, 0, 1, 0, 0],
      dominant: [0, 0, -1, 0, -1, -1],
      colourings: { job: { keys: ["j"], dominant: [0, 0, -1, 0, -1, -1] } },
    } as unknown as HeatmapResponse;
    const f = failingOnly(data);
    expect(f.rows.map((r) => r.nodeId)).toEqual(["a", "b"]);
    expect(f.counts).toEqual([1, 1, 0, 1]);
    expect(f.colourings?.job?.dominant).toEqual([0, 0, -1, 0]);
  });

  it("leaves a heatmap whose rows all failed as it is", () => {
    const data = { edges: [0, 1], rows: [row("a", 1)], counts: [1], dominant: [0] } as unknown as HeatmapResponse;
    expect(failingOnly(data)).toBe(data);
  });
});
