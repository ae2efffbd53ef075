import { describe, expect, it } from "vitest";
import { pinnedGrainMs, pinnedReadWindow, scopeKeys } from "@/lib/batch/read-keys";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const t0 = Date.parse("2026-12-02T09:00:00.000Z");

describe("pinnedReadWindow", () => {
  it("gives links copied seconds apart one read window, and so one cache key", () => {
    const a = pinnedReadWindow(t0 - HOUR + 12_345, t0 + 12_345);
    const b = pinnedReadWindow(t0 - HOUR + 41_002, t0 + 41_002);
    expect(a).toEqual(b);
    expect(scopeKeys.tasks("pool:p", `${a.from}-${a.to}`)).toBe(scopeKeys.tasks("pool:p", `${b.from}-${b.to}`));
  });

  it("always covers the window asked for, and by little more than a bucket at each end", () => {
    for (const span of [15 * MINUTE, HOUR, 6 * HOUR, 24 * HOUR, 7 * 24 * HOUR]) {
      const from = t0 - span + 7_777;
      const to = t0 + 7_777;
      const read = pinnedReadWindow(from, to);
      const grain = pinnedGrainMs(span);
      expect(read.from).toBeLessThanOrEqual(from);
      expect(read.to).toBeGreaterThanOrEqual(to);
      expect(from - read.from).toBeLessThan(grain);
      expect(read.to - to).toBeLessThan(grain);
      expect((read.to - read.from - span) / span).toBeLessThanOrEqual(2 * (grain / span));
      expect(grain / span).toBeLessThanOrEqual(1 / 15);
    }
  });

  it("leaves a window already on the grain as it is", () => {
    expect(pinnedReadWindow(t0 - HOUR, t0)).toEqual({ from: t0 - HOUR, to: t0 });
  });
});
