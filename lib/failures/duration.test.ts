import { describe, it, expect } from "vitest";
import { formatDurationMs, parseIsoDuration } from "./duration";

describe("parseIsoDuration", () => {
  it.each([
    ["PT2H", 2 * 3_600_000],
    ["P7D", 7 * 86_400_000],
    ["PT30M", 30 * 60_000],
    ["PT5.5S", 5_500],
    ["P1DT2H3M4S", 86_400_000 + 2 * 3_600_000 + 3 * 60_000 + 4_000],
    ["P2W", 14 * 86_400_000],
    ["PT0S", 0],
  ])("parses %s", (text, ms) => {
    expect(parseIsoDuration(text)).toBe(ms);
  });

  it("reads Batch's unlimited value as Infinity", () => {
    expect(parseIsoDuration("P10675199DT2H48M5.4775807S")).toBe(Infinity);
  });

  it.each([undefined, "", "P", "PT", "2H", "P1Y", "P1M", "PT1H2X", "nonsense"])("rejects %j", (text) => {
    expect(parseIsoDuration(text)).toBeUndefined();
  });
});

describe("formatDurationMs", () => {
  it("keeps the two largest units", () => {
    expect(formatDurationMs(2 * 3_600_000 + 5 * 60_000 + 7_000)).toBe("2h 5m");
    expect(formatDurationMs(86_400_000 + 30 * 60_000)).toBe("1d 30m");
    expect(formatDurationMs(42_000)).toBe("42s");
    expect(formatDurationMs(250)).toBe("250ms");
    expect(formatDurationMs(Infinity)).toBe("unlimited");
  });
});
