import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { candidateFinder, compileQuery, type SearchQuery } from "./file-search";

/** The lines a candidate finder leads to: those holding a candidate position. */
function candidateLines(bytes: Buffer, q: SearchQuery): Set<number> | undefined {
  const next = candidateFinder(q)?.(bytes);
  if (!next) return undefined;
  const lines = new Set<number>();
  for (let c = next(0); c !== -1; c = next(c + 1)) lines.add(bytes.subarray(0, c).filter((b) => b === 0x0a).length);
  return lines;
}

describe("candidateFinder", () => {
  const text = fc.array(fc.constantFrom("a", "B", "é", "報", "İ", "K", "k", "\n", "\r", " ", "ab", "AB", ".", "("), { maxLength: 60 }).map((a) => a.join(""));
  const query = fc.array(fc.constantFrom("a", "b", "B", "k", "é", "i", ".", "("), { minLength: 1, maxLength: 3 }).map((a) => a.join(""));

  it("leads to every line the line test matches, case-sensitive or not", () => {
    fc.assert(
      fc.property(text, query, fc.boolean(), (body, needle, caseSensitive) => {
        const q = { query: needle, regex: false, caseSensitive };
        const bytes = Buffer.from(body, "utf8");
        const found = candidateLines(bytes, q);
        if (!found) return;
        const test = compileQuery(q);
        body.split("\n").forEach((line, i) => {
          if (test(line.replace(/\r$/, ""))) expect(found.has(i)).toBe(true);
        });
      }),
    );
  });

  it("gives byte offsets, past multi-byte characters", () => {
    const bytes = Buffer.from("é報\nxAb");
    expect(candidateFinder({ query: "ab", regex: false, caseSensitive: false })!(bytes)!(0)).toBe(7);
    expect(candidateFinder({ query: "Ab", regex: false, caseSensitive: true })!(bytes)!(0)).toBe(7);
  });

  it("tests every line of a regular expression or a non-ASCII case-insensitive query", () => {
    expect(candidateFinder({ query: "a.b", regex: true, caseSensitive: true })).toBeUndefined();
    expect(candidateFinder({ query: "é", regex: false, caseSensitive: false })).toBeUndefined();
    // A Kelvin sign lower-cases to "k": such a range is tested line by line.
    expect(candidateFinder({ query: "k", regex: false, caseSensitive: false })!(Buffer.from("\u212a\n"))).toBeUndefined();
    expect(candidateFinder({ query: "Xi", regex: false, caseSensitive: false })!(Buffer.from("x\u0130\n"))).toBeUndefined();
    // Only the letters the query holds are looked for: "ab" cannot meet a dotted İ or a Kelvin sign.
    expect(candidateFinder({ query: "ab", regex: false, caseSensitive: false })!(Buffer.from("\u0130\u212a\nab\n"))!(0)).toBe(6);
  });
});
