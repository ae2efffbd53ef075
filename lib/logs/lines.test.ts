import { describe, expect, it } from "vitest";
import { countLF, lineIndexAtOffset, loadedLines, type Chunk } from "@/lib/logs/lines";

const enc = new TextEncoder();
function chunksOf(text: string, cuts: number[], base = 0): Chunk[] {
  const all = enc.encode(text);
  const out: Chunk[] = [];
  let from = 0;
  for (const c of [...cuts, all.length]) {
    out.push({ start: base + from, bytes: all.slice(from, c) });
    from = c;
  }
  return out;
}

describe("loadedLines", () => {
  it("decodes a multi-byte character split between chunks", () => {
    const text = "naïve café 日本語\nok\n";
    const bytes = enc.encode(text);
    // cut inside "ï" (2 bytes) and inside "日" (3 bytes)
    const i = bytes.indexOf(0xc3);
    const j = bytes.indexOf(0xe6);
    const { lines } = loadedLines(chunksOf(text, [i + 1, j + 2]), true);
    expect(lines.map((l) => l.text)).toEqual(["naïve café 日本語", "ok"]);
    expect(lines.some((l) => l.text.includes("\ufffd"))).toBe(false);
  });

  it("joins a line split across several chunks and strips CR of CRLF", () => {
    const { lines } = loadedLines(chunksOf("one\r\ntwo is long\r\nthree\r\n", [7, 9, 12]), true);
    expect(lines.map((l) => l.text)).toEqual(["one", "two is long", "three"]);
    expect(lines[1]).toMatchObject({ start: 5, end: 18 });
  });

  it("a CR split from its LF by a chunk boundary is still removed", () => {
    const { lines } = loadedLines(chunksOf("a\r\nb\r\n", [2]), true);
    expect(lines.map((l) => l.text)).toEqual(["a", "b"]);
  });

  it("hides the leading fragment of a loaded range that starts mid-file", () => {
    const { lines, leadingPartial } = loadedLines(chunksOf("tail of a line\nfull line\nlast", [], 1000), true);
    expect(leadingPartial).toBe(true);
    expect(lines.map((l) => l.text)).toEqual(["full line", "last"]);
    expect(lines[0]!.start).toBe(1015);
  });

  it("shows an unterminated last line only at the end of the file", () => {
    expect(loadedLines(chunksOf("a\nb", []), false).lines.map((l) => l.text)).toEqual(["a"]);
    expect(loadedLines(chunksOf("a\nb", []), true).lines.map((l) => l.text)).toEqual(["a", "b"]);
  });

  it("handles a chunk with no newline at all in the middle", () => {
    const { lines } = loadedLines(chunksOf("x\nabcdefghij\ny\n", [3, 6, 9]), true);
    expect(lines.map((l) => l.text)).toEqual(["x", "abcdefghij", "y"]);
  });

  it("keeps escape sequences in text and removes them in plain", () => {
    const { lines } = loadedLines(chunksOf("\x1b[31mERROR\x1b[0m boom\n", [3]), true);
    expect(lines[0]!.text).toBe("\x1b[31mERROR\x1b[0m boom");
    expect(lines[0]!.plain).toBe("ERROR boom");
  });
});

describe("countLF and lineIndexAtOffset", () => {
  it("counts and finds", () => {
    expect(countLF(enc.encode("a\nb\n\nc"))).toBe(3);
    const { lines } = loadedLines(chunksOf("aa\nbb\ncc\n", []), true);
    expect(lineIndexAtOffset(lines, 0)).toBe(0);
    expect(lineIndexAtOffset(lines, 4)).toBe(1);
    expect(lineIndexAtOffset(lines, 8)).toBe(2);
    expect(lineIndexAtOffset(lines, 9)).toBe(-1);
  });
});
