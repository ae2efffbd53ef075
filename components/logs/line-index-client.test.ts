import { describe, expect, it } from "vitest";
import { offsetOfLine, registerLoadedLines } from "@/components/logs/line-index-client";
import { loadedLines } from "@/lib/logs/lines";
import { lineNumber, openLoadedRange } from "@/lib/logs/loaded-range";

describe("offsetOfLine (the line-index seam)", () => {
  it("answers only for lines the viewer has loaded, until the server index is plugged in", async () => {
    const url = "/api/accounts/demo/jobs/j/tasks/t/files/stderr.txt";
    expect(await offsetOfLine(url, 3)).toBeUndefined();
    const off = registerLoadedLines(url, (n) => (n <= 10 ? { offset: n * 10, line: n } : undefined));
    expect(await offsetOfLine(url, 3)).toEqual({ offset: 30, line: 3 });
    expect(await offsetOfLine(url, 11)).toBeUndefined();
    off();
    expect(await offsetOfLine(url, 3)).toBeUndefined();
  });

  it("a range opened one byte before an indexed line shows that line first, correctly numbered", () => {
    const file = new TextEncoder().encode("l1\nl2\nl3\nl4\n");
    // line 3 starts at byte 6; the viewer reads from byte 5 (the LF ending line 2) with lfBefore = 3 − 2.
    const w = openLoadedRange({ start: 5, bytes: file.slice(5) }, file.length, undefined, 1);
    const { lines, leadingPartial } = loadedLines(w.chunks, true);
    expect(lines[0]!.text).toBe("l3");
    expect(lineNumber(w, 0 + (leadingPartial ? 1 : 0))).toBe(3);
  });
});
