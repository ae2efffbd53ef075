import { describe, expect, it } from "vitest";
import type { HeatmapResponse } from "@/lib/schemas/failures";
import { isRefreshing, shownAnswer } from "./shown-answer";

const full = { asOf: "t1", ratesPending: false, diagnosis: { counts: { unhealthyNodes: 10 } } } as unknown as HeatmapResponse;
const pending = { asOf: "t2", ratesPending: true } as unknown as HeatmapResponse;
const fuller = { asOf: "t3", diagnosis: { counts: { unhealthyNodes: 9 } } } as unknown as HeatmapResponse;

describe("shownAnswer", () => {
  it("shows a first answer as it is when no full answer came before it", () => {
    expect(shownAnswer(undefined, pending)).toBe(pending);
    expect(shownAnswer(pending, pending)).toBe(pending);
  });

  it("keeps the last full answer, marked refreshing, while a refresh's answer is pending", () => {
    const kept = shownAnswer(full, pending);
    expect(kept).toMatchObject({ asOf: "t1", refreshing: true, diagnosis: { counts: { unhealthyNodes: 10 } } });
    expect(isRefreshing(kept)).toBe(true);
    expect(shownAnswer(kept, pending)).toBe(kept);
  });

  it("replaces the kept answer with the new full one", () => {
    const kept = shownAnswer(full, pending);
    const next = shownAnswer(kept, fuller);
    expect(next).toBe(fuller);
    expect(isRefreshing(next)).toBe(false);
  });
});
