import { describe, expect, it } from "vitest";
import { BLOCK_SIZE, LINES_PER_BLOCK, lineIndexAt, lineStartOffset, readGeneratedLog, type LogStyle } from "./generated-log";

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
const utf8 = new TextDecoder("utf-8", { fatal: true });

function newlines(buffer: Buffer): number {
  let n = 0;
  for (const byte of buffer) if (byte === 0x0a) n += 1;
  return n;
}

describe("readGeneratedLog", () => {
  it.each<LogStyle>(["app", "ansi", "binary"])("is deterministic and slices consistently (%s)", (style) => {
    const whole = readGeneratedLog(7, style, 100_000, 1000, 30_000);
    expect(readGeneratedLog(7, style, 100_000, 1000, 30_000).equals(whole)).toBe(true);
    expect(readGeneratedLog(7, style, 100_000, 4000, 12_345).equals(whole.subarray(3000, 11_346))).toBe(true);
    expect(readGeneratedLog(8, style, 100_000, 1000, 30_000).equals(whole)).toBe(false);
  });

  it.each<LogStyle>(["app", "ansi"])("fills every block with exactly 32 lines of valid UTF-8 (%s)", (style) => {
    for (let block = 0; block < 300; block += 1) {
      const start = block * BLOCK_SIZE + (block % 3) * 1_000_000 * BLOCK_SIZE;
      const bytes = readGeneratedLog(42, style, 4 * 1024 * GiB, start, start + BLOCK_SIZE - 1);
      expect(bytes.length).toBe(BLOCK_SIZE);
      expect(newlines(bytes)).toBe(LINES_PER_BLOCK);
      expect(bytes[BLOCK_SIZE - 1]).toBe(0x0a);
      expect(() => utf8.decode(bytes)).not.toThrow();
    }
  });

  it("looks like an application log", () => {
    const text = readGeneratedLog(1, "app", 64 * BLOCK_SIZE, 0, 64 * BLOCK_SIZE - 1).toString("utf8");
    const lines = text.split("\n").slice(0, -1);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (INFO |WARN |ERROR|DEBUG) \[\w+\] /);
    for (const level of ["INFO", "WARN", "ERROR", "DEBUG"]) expect(text).toContain(` ${level}`);
    expect(text).toContain("Traceback (most recent call last):");
    expect(text).toMatch(/[^\x00-\x7f]/);
    const stamps = lines.map((l) => /^(\S+Z) /.exec(l)?.[1]).filter((s): s is string => s !== undefined);
    expect([...stamps].sort()).toEqual(stamps);
  });

  it("colours levels in the ansi style", () => {
    const text = readGeneratedLog(1, "ansi", 16 * BLOCK_SIZE, 0, 16 * BLOCK_SIZE - 1).toString("utf8");
    expect(text).toContain("\x1b[32mINFO");
    expect(text).toContain("\x1b[0m");
  });

  it("contains NUL bytes in the binary style", () => {
    expect(readGeneratedLog(3, "binary", 10_000, 0, 9999).includes(0)).toBe(true);
  });

  it("reads 1 MiB at the end of a 1 GiB file quickly", () => {
    const started = performance.now();
    const bytes = readGeneratedLog(9, "ansi", GiB, GiB - MiB, GiB + 5000);
    const elapsed = performance.now() - started;
    expect(bytes.length).toBe(MiB);
    expect(bytes[bytes.length - 1]).toBe(0x0a);
    expect(elapsed).toBeLessThan(1000);
  });

  it("clamps the end and returns nothing past it", () => {
    expect(readGeneratedLog(1, "app", 100, 90, 10_000).length).toBe(10);
    expect(readGeneratedLog(1, "app", 100, 100, 200).length).toBe(0);
    expect(readGeneratedLog(1, "app", 0, 0, 10).length).toBe(0);
  });

  it("ends a text file of any size with a newline and valid UTF-8", () => {
    for (let size = 1; size < 3 * BLOCK_SIZE; size += 37) {
      for (const style of ["app", "ansi"] as const) {
        const bytes = readGeneratedLog(5, style, size, 0, size - 1);
        expect(bytes.length).toBe(size);
        expect(bytes[size - 1]).toBe(0x0a);
        expect(() => utf8.decode(bytes)).not.toThrow();
        const lastLine = bytes.toString("utf8").split("\n").at(-2) ?? "";
        expect(lastLine).not.toMatch(/\x1b(?!\[[0-9;]*m)/);
      }
    }
  });

  it("only changes the final partial block's tail, never earlier bytes", () => {
    const full = readGeneratedLog(5, "app", 10 * BLOCK_SIZE, 0, 10 * BLOCK_SIZE - 1);
    const cut = readGeneratedLog(5, "app", 5 * BLOCK_SIZE + 100, 0, 5 * BLOCK_SIZE + 100 - 1);
    expect(cut.subarray(0, 5 * BLOCK_SIZE).equals(full.subarray(0, 5 * BLOCK_SIZE))).toBe(true);
  });
});

describe("line offsets", () => {
  it("maps lines to offsets and back", () => {
    const size = 20 * BLOCK_SIZE;
    const bytes = readGeneratedLog(11, "app", size, 0, size - 1);
    const starts = [0];
    bytes.forEach((byte, i) => {
      if (byte === 0x0a && i + 1 < size) starts.push(i + 1);
    });
    expect(starts).toHaveLength(20 * LINES_PER_BLOCK);
    for (const line of [0, 1, 31, 32, 33, 200, 639]) {
      expect(lineStartOffset(11, "app", line, size)).toBe(starts[line]);
      expect(lineIndexAt(11, "app", starts[line]!, size)).toBe(line);
      expect(lineIndexAt(11, "app", starts[line]! + 3, size)).toBe(line);
    }
    expect(lineStartOffset(11, "app", 640, size)).toBeUndefined();
  });
});
