import { describe, expect, it } from "vitest";
import { parseSleepArgs } from "./sleep";

describe("parseSleepArgs", () => {
  it("reads seconds, decimals and units, and sums operands", () => {
    expect(parseSleepArgs(["2"])).toEqual({ ok: true, ms: 2000 });
    expect(parseSleepArgs(["0.5"])).toEqual({ ok: true, ms: 500 });
    expect(parseSleepArgs([".25", "1m", "1h"])).toEqual({ ok: true, ms: 250 + 60_000 + 3_600_000 });
  });

  it("rejects missing and malformed operands", () => {
    expect(parseSleepArgs([])).toMatchObject({ ok: false, message: expect.stringContaining("missing operand") });
    expect(parseSleepArgs(["-1"])).toMatchObject({ ok: false });
    expect(parseSleepArgs(["1x"])).toMatchObject({ ok: false });
  });
});
