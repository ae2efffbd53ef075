import { describe, expect, it } from "vitest";
import { lineDiff, maskLine, splitLines } from "./line-diff";

const changed = (side: { text: string; changed: boolean }[]) => side.filter((l) => l.changed).map((l) => l.text);

describe("lineDiff", () => {
  it("marks nothing for equal texts and everything against an empty one", () => {
    expect(changed(lineDiff("a\nb\n", "a\nb").left)).toEqual([]);
    const d = lineDiff("", "x\ny\n");
    expect(d.left).toEqual([]);
    expect(changed(d.right)).toEqual(["x", "y"]);
  });

  it("marks the lines only one side has, keeping the order of the shared ones", () => {
    const d = lineDiff("start\nloading\nTraceback\nKeyError: 'id'\ndone\n", "start\nloading\ndone\n");
    expect(changed(d.left)).toEqual(["Traceback", "KeyError: 'id'"]);
    expect(changed(d.right)).toEqual([]);
  });

  it("pairs lines that differ only in numbers, ids and times", () => {
    const d = lineDiff(
      "2026-11-27T10:00:01Z chunk 12: 5000 records\nnode=tvmps_0a1b2c3d_d\n",
      "2026-11-27T11:30:07.5Z chunk 31: 5000 records\nnode=tvmps_ffee0011_d\nextra\n",
    );
    expect(changed(d.left)).toEqual([]);
    expect(changed(d.right)).toEqual(["extra"]);
  });

  it("finds the longest common run, not a greedy one", () => {
    const d = lineDiff("x\na\nb\nc\n", "a\nb\nc\nx\n");
    expect(changed(d.left)).toEqual(["x"]);
    expect(changed(d.right)).toEqual(["x"]);
  });

  it("falls back to comparing by set for very long texts", () => {
    const many = Array.from({ length: 2100 }, (_, i) => `line ${String.fromCharCode(97 + (i % 26))}`).join("\n");
    const d = lineDiff(many, `${many}\nnew line x`);
    expect(d.approximate).toBe(true);
    expect(changed(d.right)).toEqual(["new line x"]);
  });

  it("masks and splits as documented", () => {
    expect(maskLine("exit 137 at 0xdeadbeef99  ")).toBe(maskLine("exit 9 at 0xabcdef0123"));
    expect(maskLine("KeyError: 'id'")).toBe("KeyError: 'id'");
    expect(splitLines("a\r\nb\n")).toEqual(["a", "b"]);
    expect(splitLines("")).toEqual([]);
  });
});
