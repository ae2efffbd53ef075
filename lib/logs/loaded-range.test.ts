import { describe, expect, it } from "vitest";
import { loadedLines } from "@/lib/logs/lines";
import { append, earlierRange, laterRange, lineNumber, openLoadedRange, prepend, loadedBytes, rangeEnd, rangeStart } from "@/lib/logs/loaded-range";
import { orderFiles } from "@/lib/logs/file-order";

const enc = new TextEncoder();
const file = enc.encode(Array.from({ length: 100 }, (_, i) => `line ${i + 1}`).join("\n") + "\n");
const slice = (a: number, b: number) => ({ start: a, bytes: file.slice(a, b) });

describe("the loaded range", () => {
  it("opening at the end knows no line numbers; reaching the start makes them exact", () => {
    let w = openLoadedRange(slice(file.length - 100, file.length), file.length);
    expect(w.lfBefore).toBeUndefined();
    expect(lineNumber(w, 1)).toBeUndefined();
    for (let r = earlierRange(w, 100); r; r = earlierRange(w, 100)) w = prepend(w, slice(r.offset, r.offset + r.length), 10_000);
    expect(rangeStart(w)).toBe(0);
    const { lines } = loadedLines(w.chunks, true);
    expect(lines).toHaveLength(100);
    expect(lineNumber(w, 41)).toBe(42);
    expect(lines[41]!.text).toBe("line 42");
  });

  it("stays bounded, and dropping bytes from the top keeps numbers exact", () => {
    let w = openLoadedRange(slice(0, 100), file.length);
    for (let r = laterRange(w, 100); r; r = laterRange(w, 100)) w = append(w, slice(r.offset, r.offset + r.length), file.length, 300);
    expect(loadedBytes(w)).toBeLessThanOrEqual(300);
    expect(rangeEnd(w)).toBe(file.length);
    const { lines, leadingPartial } = loadedLines(w.chunks, true);
    const piece = lines.length - 1 + (leadingPartial ? 1 : 0);
    expect(lines[lines.length - 1]!.text).toBe("line 100");
    expect(lineNumber(w, piece)).toBe(100);
  });

  it("prepending drops from the bottom when over the bound", () => {
    let w = openLoadedRange(slice(file.length - 100, file.length), file.length);
    for (let i = 0; i < 5; i++) {
      const r = earlierRange(w, 100)!;
      w = prepend(w, slice(r.offset, r.offset + r.length), 250);
    }
    expect(loadedBytes(w)).toBeLessThanOrEqual(250);
    expect(rangeEnd(w)).toBeLessThan(file.length);
    expect(laterRange(w, 100)).toBeDefined();
  });

  it("follow reads are merged into the last chunk", () => {
    let w = openLoadedRange(slice(0, 50), 50);
    w = append(w, slice(50, 60), 60);
    w = append(w, slice(60, 70), 70);
    expect(w.chunks).toHaveLength(1);
    expect(w.size).toBe(70);
  });
});

describe("orderFiles", () => {
  it("puts the logs an operator reads first at the top", () => {
    const f = (name: string, isDirectory = false) => ({ name, isDirectory });
    expect(orderFiles([f("wd", true), f("wd/a.txt", false), f("stdout.txt"), f("fileuploaderr.txt"), f("stderr.txt")], "task").map((x) => x.name)).toEqual([
      "stderr.txt",
      "stdout.txt",
      "fileuploaderr.txt",
      "wd/a.txt",
    ]);
    expect(orderFiles([f("b.txt"), f("startup/stdout.txt"), f("startup/stderr.txt")], "node").map((x) => x.name)).toEqual([
      "startup/stderr.txt",
      "startup/stdout.txt",
      "b.txt",
    ]);
  });
});
