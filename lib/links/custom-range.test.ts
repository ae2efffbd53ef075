import { describe, expect, it } from "vitest";
import { checkCustomRange, toUtcInput } from "./custom-range";

const NOW = Date.parse("2026-11-27T12:00:00Z");

describe("checkCustomRange", () => {
  it("accepts a range in the past and gives its ends", () => {
    const r = checkCustomRange("2026-11-27T10:00", "2026-11-27T11:30", NOW);
    expect(r.ok && [r.from.getTime(), r.to.getTime()]).toEqual([Date.parse("2026-11-27T10:00Z"), Date.parse("2026-11-27T11:30Z")]);
  });

  it("names what to change", () => {
    expect(checkCustomRange("", "2026-11-27T11:00", NOW)).toMatchObject({ ok: false, field: "from", message: /start/ });
    expect(checkCustomRange("2026-11-27T10:00", "", NOW)).toMatchObject({ ok: false, field: "to" });
    expect(checkCustomRange("2026-11-27T11:00", "2026-11-27T10:00", NOW)).toMatchObject({ ok: false, message: "The start must be before the end." });
    expect(checkCustomRange("2026-11-27T11:00", "2026-11-27T11:00", NOW)).toMatchObject({ ok: false, field: "from" });
    expect(checkCustomRange("2026-11-27T11:00", "2026-11-27T13:00", NOW)).toMatchObject({ ok: false, field: "to", message: /future/ });
    expect(checkCustomRange("2026-10-01T00:00", "2026-11-27T00:00", NOW)).toMatchObject({ ok: false, message: /31 days/ });
    expect(checkCustomRange("garbage", "2026-11-27T10:00", NOW)).toMatchObject({ ok: false, field: "from" });
  });

  it("allows an end a few seconds past now (clocks differ)", () => {
    expect(checkCustomRange("2026-11-27T11:00", "2026-11-27T12:00", NOW - 30_000).ok).toBe(true);
  });

  it("reads the inputs as UTC, whatever the browser's zone", () => {
    const r = checkCustomRange("2026-11-27T10:00", "2026-11-27T10:30:15", NOW);
    expect(r.ok && r.from.toISOString()).toBe("2026-11-27T10:00:00.000Z");
    expect(r.ok && r.to.toISOString()).toBe("2026-11-27T10:30:15.000Z");
  });

  it("formats times for the input and reads them back", () => {
    expect(toUtcInput(NOW)).toBe("2026-11-27T12:00");
  });
});
