import { describe, expect, it } from "vitest";
import { copiedLines, selectedIndexes } from "./copy-lines";

const URL_ = "https://dash.example.com/prod/jobs/etl/tasks/t1/files/stderr.txt";
const lines = ["Traceback (most recent call last):", '  File "/app/t.py", line 3', "    x = y[1]", "KeyError: 'y'"];

describe("copiedLines", () => {
  it("puts the file and the link to exactly the copied lines above them", () => {
    expect(copiedLines({ lines, firstNumber: 1, selection: { from: 2, to: 3 }, name: "stderr.txt", pageUrl: URL_ })).toBe(
      `stderr.txt, lines 2–3: ${URL_}#L2-L3\n  File "/app/t.py", line 3\n    x = y[1]`,
    );
  });

  it("keeps the first and the last line of a selection at the loaded range's edges", () => {
    const all = copiedLines({ lines, firstNumber: 1, selection: { from: 1, to: 4 }, name: "stderr.txt", pageUrl: URL_ }).split("\n");
    expect(all.slice(1)).toEqual(lines);
    expect(all[0]).toContain("#L1-L4");
    // A range numbered from 101 (the loaded range starts deep in the file).
    const deep = copiedLines({ lines, firstNumber: 101, selection: { from: 104, to: 104 }, name: "x.log", pageUrl: URL_ });
    expect(deep).toBe(`x.log, line 104: ${URL_}#L104\nKeyError: 'y'`);
  });

  it("copies the loaded part of a selection that is partly loaded, and the header names those lines", () => {
    const text = copiedLines({ lines, firstNumber: 10, selection: { from: 8, to: 11 }, name: "x.log", pageUrl: URL_ });
    expect(text.split("\n")).toEqual([`x.log, lines 10–11: ${URL_}#L10-L11`, lines[0], lines[1]]);
  });

  it("keeps empty lines, so a blank line in the selection is not lost", () => {
    const text = copiedLines({ lines: ["a", "", "b"], firstNumber: 1, selection: { from: 1, to: 3 }, name: "f", pageUrl: URL_ });
    expect(text.split("\n")).toEqual([`f, lines 1–3: ${URL_}#L1-L3`, "a", "", "b"]);
  });

  it("without a selection copies what is loaded, and without line numbers links the file", () => {
    expect(copiedLines({ lines, firstNumber: 1, selection: undefined, name: "f", pageUrl: URL_ }).split("\n")[0]).toBe(`f, lines 1–4: ${URL_}#L1-L4`);
    expect(copiedLines({ lines, firstNumber: undefined, selection: { from: 2, to: 2 }, name: "f", pageUrl: URL_ }).split("\n")[0]).toBe(`f: ${URL_}`);
  });
});

describe("selectedIndexes", () => {
  it("clamps to the loaded lines and is undefined outside them", () => {
    expect(selectedIndexes({ from: 5, to: 7 }, 1, 10)).toEqual({ a: 4, b: 6 });
    expect(selectedIndexes({ from: 5, to: 70 }, 1, 10)).toEqual({ a: 4, b: 9 });
    expect(selectedIndexes({ from: 50, to: 70 }, 1, 10)).toBeUndefined();
  });
});
