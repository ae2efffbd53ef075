import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { appendRanges, CHECKPOINT_LINES, countRange, emptyIndex, indexOfBytes, lineCount, type RangeCount } from "./line-counts";
import { decodeIndex, encodeIndex, stillDescribes } from "./line-index-record";

/** Bytes of short lines (mostly newlines and letters, some CR), so checkpoints fall in small inputs. */
const logBytes = fc.uint8Array({ maxLength: 6 * CHECKPOINT_LINES }).map((a) => Uint8Array.from(a, (b) => (b % 3 === 0 ? 0x0a : b % 7 === 0 ? 0x0d : 0x61)));

/** Cuts bytes into ranges at the given points and counts each on its own, in a shuffled order. */
function countedRanges(bytes: Uint8Array, cuts: number[], order: number[]): RangeCount[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const edges = [0, ...points.filter((p) => p > 0 && p < bytes.length), bytes.length];
  const ranges = edges.slice(1).map((end, i) => ({ offset: edges[i]!, end }));
  // Counting happens as ranges arrive, in any order; combining is in file order.
  const byArrival = ranges.map((r, i) => ({ r, key: order[i % Math.max(1, order.length)] ?? i })).sort((a, b) => a.key - b.key);
  const counted = new Map(byArrival.map(({ r }) => [r.offset, countRange(r.offset, bytes.subarray(r.offset, r.end))]));
  return ranges.map((r) => counted.get(r.offset)!);
}

describe("appendRanges", () => {
  it("gives the sequential count's checkpoints, however the file is cut and whatever order ranges arrive in", () => {
    fc.assert(
      fc.property(logBytes, fc.array(fc.nat()), fc.array(fc.nat()), (bytes, cuts, order) => {
        const parallel = appendRanges(emptyIndex(), countedRanges(bytes, cuts, order));
        expect(parallel).toEqual(indexOfBytes(bytes));
      }),
    );
  });

  it("extends an index in steps to the same index as one count of the whole", () => {
    fc.assert(
      fc.property(logBytes, fc.nat(), (bytes, at) => {
        const cut = at % (bytes.length + 1);
        const first = appendRanges(emptyIndex(), [countRange(0, bytes.subarray(0, cut))]);
        expect(appendRanges(first, [countRange(cut, bytes.subarray(cut))])).toEqual(indexOfBytes(bytes));
      }),
    );
  });

  it("refuses a range that leaves a gap, and leaves the index it was given alone", () => {
    const idx = appendRanges(emptyIndex(), [countRange(0, Buffer.from("a\nb\n"))]);
    expect(() => appendRanges(idx, [countRange(5, Buffer.from("c\n"))])).toThrow(/does not follow/);
    expect(idx).toEqual({ size: 4, checkpoints: [0], newlines: 2, lastByte: 0x0a });
  });

  it("counts the lines of files of every shape", () => {
    const count = (s: string) => lineCount(appendRanges(emptyIndex(), [countRange(0, Buffer.from(s))]));
    expect(count("")).toBe(0);
    expect(count("one")).toBe(1);
    expect(count("one\n")).toBe(1);
    expect(count("one\r\ntwo\r\n")).toBe(2);
    expect(count("one\ntwo")).toBe(2);
    expect(count("\n\n")).toBe(2);
  });
});

describe("a kept index", () => {
  it("reads back as written", () => {
    fc.assert(
      fc.property(logBytes, fc.uint8Array({ maxLength: 64 }), (bytes, tail) => {
        const idx = { ...indexOfBytes(bytes), tail: Buffer.from(tail), modified: "2026-01-01T00:00:00.000Z" };
        expect(decodeIndex(encodeIndex(idx))).toEqual(idx);
      }),
    );
    expect(decodeIndex(Buffer.from("not an index"))).toBeUndefined();
    expect(decodeIndex(encodeIndex({ ...emptyIndex(), tail: Buffer.alloc(0) }).subarray(0, -3))).toBeUndefined();
  });

  it("is not trusted for a file that shrank, was created again or changed at the same size; one that grew is extended", () => {
    const kept = { size: 100, checkpoints: [0], newlines: 3, tail: Buffer.alloc(0), created: "c1", modified: "m1" };
    expect(stillDescribes(kept, { size: 100, creationTime: "c1", lastModified: "m1" })).toBe(true);
    expect(stillDescribes(kept, { size: 99, creationTime: "c1", lastModified: "m1" })).toBe(false);
    expect(stillDescribes(kept, { size: 200, creationTime: "c2", lastModified: "m2" })).toBe(false);
    expect(stillDescribes(kept, { size: 100, creationTime: "c1", lastModified: "m2" })).toBe(false);
    expect(stillDescribes(kept, { size: 200, creationTime: "c1", lastModified: "m2" })).toBe(true);
  });
});
