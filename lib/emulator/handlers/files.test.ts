import { describe, expect, it } from "vitest";
import { parseRange } from "./files";

describe("parseRange", () => {
  it("reads closed, open and suffix ranges", () => {
    expect(parseRange("bytes=0-99", 1000)).toEqual([0, 99]);
    expect(parseRange("bytes=900-", 1000)).toEqual([900, 999]);
    expect(parseRange("bytes=-100", 1000)).toEqual([900, 999]);
  });

  it("clamps an end past the file to its last byte", () => {
    expect(parseRange("bytes=990-5000", 1000)).toEqual([990, 999]);
  });

  it("refuses what cannot be satisfied, which the server answers with 416", () => {
    expect(parseRange("bytes=1000-1010", 1000)).toBeUndefined();
    expect(parseRange("bytes=50-10", 1000)).toBeUndefined();
    expect(parseRange("bytes=0-0", 0)).toBeUndefined();
    expect(parseRange("lines=1-2", 1000)).toBeUndefined();
    expect(parseRange("bytes=-", 1000)).toBeUndefined();
  });
});
