import { describe, expect, it } from "vitest";
import { stripAnsi } from "@/lib/logs/ansi";
import { applySearchEvent, doneStatus, resultRanges, type WholeFileRun } from "./search-run";

const fresh = (): WholeFileRun => ({ status: "running", bytesRead: 0, matches: [] });

describe("applySearchEvent", () => {
  it("a match that arrives before any progress moves the bytes read to the end of its line", () => {
    const run = fresh();
    applySearchEvent(run, { type: "match", line: 3, offset: 100, text: "ERROR é" });
    expect(run.matches).toHaveLength(1);
    // 100 + 8 UTF-8 bytes + the LF
    expect(run.bytesRead).toBe(109);
  });
  it("never goes back when a later progress reports fewer bytes, nor past the size", () => {
    const run = fresh();
    applySearchEvent(run, { type: "progress", bytesRead: 50, size: 120 });
    applySearchEvent(run, { type: "match", line: 9, offset: 115, text: "a long line cut short" });
    expect(run.bytesRead).toBe(120);
    applySearchEvent(run, { type: "progress", bytesRead: 60, size: 120 });
    expect(run.bytesRead).toBe(120);
  });
  it("a search from a line reads its end first: there a match's offset moves nothing", () => {
    const run: WholeFileRun = { ...fresh(), fromLine: 5000 };
    applySearchEvent(run, { type: "match", line: 5000, offset: 90_000, text: "deep" });
    expect(run.bytesRead).toBe(0);
    applySearchEvent(run, { type: "progress", bytesRead: 4096, size: 100_000 });
    expect(run.bytesRead).toBe(4096);
  });
  it("done and error settle the run", () => {
    const run = fresh();
    applySearchEvent(run, { type: "done", matches: 0, truncated: false, bytesRead: 120, lines: 4 });
    expect(run).toMatchObject({ status: "done", bytesRead: 120, truncated: false });
    const failed = fresh();
    applySearchEvent(failed, { type: "error", error: { kind: "server", status: 500, message: "Read failed", code: "X" } });
    expect(failed).toMatchObject({ status: "failed", error: "Read failed (X)" });
  });
});

describe("doneStatus", () => {
  const five = Array.from({ length: 500 }, (_, i) => ({ line: 20_001 + i, text: "x" }));
  it("capped before coming round: names where it started and the lines not reached", () => {
    expect(doneStatus({ matches: five, truncated: true, startedAt: 20_001, wrapped: false })).toBe(
      "500+ matching lines (first 500 shown, from line 20,001 on; lines 1–20,000 not reached)",
    );
  });
  it("came round to the top: says so, capped or not", () => {
    expect(doneStatus({ matches: five, truncated: true, startedAt: 20_001, wrapped: true })).toBe(
      "500+ matching lines (first 500 shown, from line 20,001 to the end, then from the top)",
    );
    expect(doneStatus({ matches: five.slice(0, 3), truncated: false, startedAt: 20_001, wrapped: true })).toBe(
      "3 matching lines in the whole file (from line 20,001 to the end, then from the top)",
    );
  });
  it("from the top (nothing asked, or the server started there)", () => {
    expect(doneStatus({ matches: five.slice(0, 3), truncated: false, startedAt: 1, wrapped: false })).toBe("3 matching lines in the whole file");
    expect(doneStatus({ matches: five, truncated: true })).toBe("500+ matching lines (first 500 shown, from the top)");
  });
});

describe("resultRanges", () => {
  const raw = "\x1b[2m2025-03-14T09:23:20.958Z\x1b[0m \x1b[32mINFO\x1b[0m pool \x1b]0;title\x07ready INFO";
  it("maps matches in the raw line onto the text on screen, across removed escapes", () => {
    const plain = stripAnsi(raw);
    expect(plain).toBe("2025-03-14T09:23:20.958Z INFO pool ready INFO");
    const ranges = resultRanges(raw, /info/gi);
    expect(ranges.map((r) => plain.slice(r.from, r.to))).toEqual(["INFO", "INFO"]);
    expect(ranges[1]).toEqual({ from: plain.lastIndexOf("INFO"), to: plain.length });
  });
  it("a match made only of escape codes marks nothing; one spanning a code marks its text", () => {
    expect(resultRanges(raw, /\x1b\[0m/g)).toEqual([]);
    const plain = stripAnsi(raw);
    const [r] = resultRanges(raw, /Z\x1b\[0m \x1b\[32mIN/g);
    expect(plain.slice(r!.from, r!.to)).toBe("Z IN");
  });
});
