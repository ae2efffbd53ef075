import { describe, expect, it } from "vitest";
import { ansiSegments, sanitizeEscapes, stripAnsi } from "@/lib/logs/ansi";

describe("ansiSegments", () => {
  it("turns SGR colours into styled runs", () => {
    const segs = ansiSegments("\x1b[1;31mERROR\x1b[0m disk full \x1b[33mWARN\x1b[0m");
    expect(segs[0]).toMatchObject({ text: "ERROR", bold: true });
    expect(segs[0]!.fg).toMatch(/^rgb\(/);
    expect(segs.find((s) => s.text === "WARN")!.fg).toMatch(/^rgb\(/);
    expect(segs.map((s) => s.text).join("")).toBe("ERROR disk full WARN");
  });

  it("removes window-title, clear-screen and cursor escapes instead of interpreting them", () => {
    const line = "a\x1b]0;pwned title\x07b\x1b[2Jc\x1b[10;10Hd\x1b[?1049he\x1b]8;;http://x\x1b\\f";
    expect(stripAnsi(line)).toBe("abcdef");
    expect(
      ansiSegments(line)
        .map((s) => s.text)
        .join(""),
    ).toBe("abcdef");
  });

  it("shows other control characters as visible symbols", () => {
    expect(sanitizeEscapes("bell\x07 back\x08")).toBe("bell\u2407 back\u2408");
    expect(stripAnsi("a\x1bb")).toBe("a\u241bb");
  });

  it("leaves HTML as literal text", () => {
    const segs = ansiSegments("<script>alert(1)</script>");
    expect(segs).toEqual([{ text: "<script>alert(1)</script>" }]);
  });

  it("texts of the runs always equal stripAnsi", () => {
    for (const l of ["\x1b[2m2026\x1b[0m \x1b[32mINFO \x1b[0m x", "plain", "\x1b[38;5;196mred\x1b[0m", "\x1b[7minv\x1b[0m"]) {
      expect(
        ansiSegments(l)
          .map((s) => s.text)
          .join(""),
      ).toBe(stripAnsi(l));
    }
  });
});
