import { describe, expect, it } from "vitest";
import { applySearchEvent, type WholeFileRun } from "./search-run";

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
