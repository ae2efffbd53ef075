import { describe, expect, it } from "vitest";
import { parseDuration, UNLIMITED } from "./context";

describe("parseDuration", () => {
  it.each([
    ["PT15M", 900_000],
    ["PT5M", 300_000],
    ["P7D", 7 * 86_400_000],
    ["PT1H30M", 5_400_000],
    ["PT0.5S", 500],
    ["P1DT2H", 93_600_000],
  ])("%s is %d ms", (text, ms) => expect(parseDuration(text)).toBe(ms));

  it("reads Batch's 'unlimited' as about 29,000 years", () => {
    expect(parseDuration(UNLIMITED)! / 86_400_000).toBeGreaterThan(10_675_199);
  });

  it("rejects what is not an ISO 8601 duration", () => {
    expect(parseDuration("15 minutes")).toBeUndefined();
    expect(parseDuration("PT")).toBeUndefined();
    expect(parseDuration("P")).toBeUndefined();
    expect(parseDuration(undefined)).toBeUndefined();
  });
});
