import { describe, expect, it } from "vitest";
import { buildMatcher, findMatches, markRanges } from "@/lib/logs/search";

const lines = ["ERROR disk full", "error again", "ok", "Error: x error"].map((plain) => ({ plain }));

describe("search", () => {
  it("is case-insensitive by default and counts every match", () => {
    const m = buildMatcher("error", { caseSensitive: false, regex: false });
    expect(m?.ok).toBe(true);
    if (!m?.ok) return;
    expect(findMatches(lines, m.re).matches.map((x) => x.line)).toEqual([0, 1, 3, 3]);
  });
  it("honours case", () => {
    const m = buildMatcher("error", { caseSensitive: true, regex: false });
    if (!m?.ok) throw new Error("expected a matcher");
    expect(findMatches(lines, m.re).matches).toEqual([
      { line: 1, from: 0, to: 5 },
      { line: 3, from: 9, to: 14 },
    ]);
  });
  it("treats text literally unless regex is on", () => {
    const lit = buildMatcher("x.", { caseSensitive: false, regex: false });
    const re = buildMatcher("^e\\w+", { caseSensitive: true, regex: true });
    if (!lit?.ok || !re?.ok) throw new Error("expected matchers");
    expect(findMatches([{ plain: "xy x." }], lit.re).matches).toEqual([{ line: 0, from: 3, to: 5 }]);
    expect(findMatches(lines, re.re).matches).toEqual([{ line: 1, from: 0, to: 5 }]);
  });
  it("an invalid regex is a message, not a throw", () => {
    const m = buildMatcher("(unclosed", { caseSensitive: false, regex: true });
    expect(m).toMatchObject({ ok: false });
    if (m && !m.ok) expect(m.error).toMatch(/regular expression/);
  });
  it("empty matches do not loop", () => {
    const m = buildMatcher("a*", { caseSensitive: false, regex: true });
    if (!m?.ok) throw new Error("expected a matcher");
    expect(findMatches([{ plain: "bab" }], m.re).matches).toEqual([{ line: 0, from: 1, to: 2 }]);
  });
  it("an empty query matches nothing", () => {
    expect(buildMatcher("", { caseSensitive: false, regex: true })).toBeUndefined();
  });
});

describe("markRanges", () => {
  it("splits styled runs at match edges and keeps styles", () => {
    const segs = [{ text: "ERROR", fg: "red" }, { text: " disk full" }];
    expect(markRanges(segs, [{ from: 3, to: 8, current: true }])).toEqual([
      { text: "ERR", fg: "red" },
      { text: "OR", fg: "red", mark: "current" },
      { text: " di", mark: "current" },
      { text: "sk full" },
    ]);
  });
});
