import { describe, expect, it } from "vitest";
import { formatLineHash, parseLineHash, parseLineInput, selectLine } from "@/lib/logs/line-hash";

describe("parseLineHash", () => {
  it("reads one line and ranges", () => {
    expect(parseLineHash("#L12")).toEqual({ from: 12, to: 12 });
    expect(parseLineHash("#L12-L20")).toEqual({ from: 12, to: 20 });
    expect(parseLineHash("#L20-L12")).toEqual({ from: 12, to: 20 });
    expect(parseLineHash("L5-7")).toEqual({ from: 5, to: 7 });
  });
  it("rejects anything else", () => {
    for (const h of ["", "#", "#L0", "#L-3", "#Lx", "#L1-", "#L1-L2-L3", "#foo"]) expect(parseLineHash(h)).toBeUndefined();
  });
  it("round-trips", () => {
    expect(formatLineHash({ from: 5, to: 7 })).toBe("#L5-L7");
    expect(formatLineHash({ from: 5, to: 5 })).toBe("#L5");
  });
});

describe("selectLine", () => {
  it("click selects, shift-click extends either way", () => {
    expect(selectLine(undefined, 4, true)).toEqual({ from: 4, to: 4 });
    expect(selectLine({ from: 4, to: 4 }, 9, true)).toEqual({ from: 4, to: 9 });
    expect(selectLine({ from: 4, to: 9 }, 2, true)).toEqual({ from: 2, to: 9 });
    expect(selectLine({ from: 4, to: 9 }, 6, false)).toEqual({ from: 6, to: 6 });
  });
});

describe("parseLineInput", () => {
  it("takes a positive whole number, with thousands separators", () => {
    expect(parseLineInput("12")).toEqual({ line: 12 });
    expect(parseLineInput(" 1,000,001 ")).toEqual({ line: 1000001 });
  });
  it("refuses anything else, saying why", () => {
    for (const s of ["", "  ", "0", "-3", "1.5", "12a", "L12", "1e3", "99999999999999999999"]) expect(parseLineInput(s)).toHaveProperty("error");
  });
});
