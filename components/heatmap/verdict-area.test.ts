import { describe, expect, it } from "vitest";
import type { HeatmapResponse } from "@/lib/schemas/failures";
import { loadingText, spanLabel } from "./verdict-area";

describe("spanLabel", () => {
  it("names a window's span as the window picker does", () => {
    expect(spanLabel(15 * 60_000)).toBe("15m");
    expect(spanLabel(3_600_000)).toBe("1h");
    expect(spanLabel(86_400_000)).toBe("24h");
    expect(spanLabel(7 * 86_400_000)).toBe("7d");
  });
});

describe("loadingText", () => {
  const q = { isFetching: true, isPending: false, isPlaceholderData: false };
  it("says the rates are loading under a first answer, and the tasks while a new window is read", () => {
    expect(loadingText(q, { ratesPending: true } as HeatmapResponse)).toBe("Failures shown; rates loading…");
    expect(loadingText({ ...q, isPlaceholderData: true }, {} as HeatmapResponse)).toBe("Reading tasks…");
  });
  it("says nothing over a refresh of a full answer: the kept verdict says it is refreshing", () => {
    expect(loadingText(q, {} as HeatmapResponse)).toBeUndefined();
  });
});
