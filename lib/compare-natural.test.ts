import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareNatural } from "./compare-natural";

const sorted = (ids: string[]) => [...ids].sort(compareNatural);

describe("compareNatural", () => {
  it("puts _2 before _10 and _100", () => {
    expect(sorted(["n_1", "n_10", "n_100", "n_11", "n_2"])).toEqual(["n_1", "n_2", "n_10", "n_11", "n_100"]);
  });

  it("orders task ids with and without zero padding by their number", () => {
    expect(sorted(["task-10", "task-9", "task-0100", "task-011"])).toEqual(["task-9", "task-10", "task-011", "task-0100"]);
  });

  it("compares digit runs longer than a double holds exactly", () => {
    expect(compareNatural("x12345678901234567890", "x12345678901234567891")).toBeLessThan(0);
  });

  it("orders the cloud-service node shape by node number", () => {
    const ids = ["tvm-1_10-20260101t000000z", "tvm-1_2-20260101t000000z", "tvm-1_1-20260101t000000z"];
    expect(sorted(ids)).toEqual(["tvm-1_1-20260101t000000z", "tvm-1_2-20260101t000000z", "tvm-1_10-20260101t000000z"]);
  });

  it("keeps letters in code-unit order and a prefix first", () => {
    expect(sorted(["b", "a1", "a", "B"])).toEqual(["B", "a", "a1", "b"]);
  });

  it("is total: leading zeros break a tie, equal strings are 0", () => {
    expect(compareNatural("a07", "a7")).not.toBe(0);
    expect(Math.sign(compareNatural("a07", "a7"))).toBe(-Math.sign(compareNatural("a7", "a07")));
    expect(compareNatural("same_1", "same_1")).toBe(0);
  });
});

/** The first implementation, which split both strings into runs for every comparison: the order to keep. */
function splitFirst(a: string, b: string): number {
  const CHUNK = /(\d+)|(\D+)/g;
  const left = a.match(CHUNK) ?? [];
  const right = b.match(CHUNK) ?? [];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const [x, y] = [left[i]!, right[i]!];
    if (x === y) continue;
    const digits = /^\d/.test(x) && /^\d/.test(y);
    const [p, q] = digits ? [x.replace(/^0+(?=\d)/, ""), y.replace(/^0+(?=\d)/, "")] : [x, y];
    const byChunk = digits && p.length !== q.length ? p.length - q.length : p < q ? -1 : p > q ? 1 : 0;
    if (byChunk !== 0) return byChunk;
  }
  if (left.length !== right.length) return left.length - right.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

describe("compareNatural against splitting into runs", () => {
  // Few characters, so strings share prefixes, digit runs and leading zeros often.
  const id = fc.string({ unit: fc.constantFrom("0", "0", "1", "2", "9", "a", "b", "Z", "-", "_", "."), maxLength: 12 });

  it("orders every pair as the split runs do", () => {
    fc.assert(
      fc.property(id, id, (a, b) => {
        expect(Math.sign(compareNatural(a, b))).toBe(Math.sign(splitFirst(a, b)));
      }),
      { numRuns: 20_000 },
    );
  });
});
