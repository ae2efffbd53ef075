import { describe, expect, it } from "vitest";
import { looksBinary } from "@/lib/logs/binary";

describe("looksBinary", () => {
  it("text, even with multi-byte characters cut at both edges, is not binary", () => {
    const b = new TextEncoder().encode("日本語のログ\n".repeat(100));
    expect(looksBinary(b.subarray(1, b.length - 1), { startsMidFile: true })).toBe(false);
  });
  it("a NUL byte means binary", () => {
    expect(looksBinary(new Uint8Array([65, 66, 0, 67]))).toBe(true);
  });
  it("a high share of invalid UTF-8 means binary", () => {
    const b = new Uint8Array(1000).map((_, i) => (i % 3 === 0 ? 0xff : 0x41));
    expect(looksBinary(b)).toBe(true);
  });
  it("an empty file is not binary", () => {
    expect(looksBinary(new Uint8Array(0))).toBe(false);
  });
});
