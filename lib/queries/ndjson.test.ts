import { describe, expect, it } from "vitest";
import { z } from "zod";
import { searchEvent } from "@/lib/schemas/search-events";
import { ndjsonReader } from "./ndjson";

const anything = z.unknown();

describe("ndjsonReader", () => {
  it("parses records whole even when chunks cut them, and characters, anywhere", () => {
    const done = { type: "done", matches: 1, truncated: false, bytesRead: 40, lines: 9 };
    const text = `${JSON.stringify({ type: "match", line: 7, offset: 12, text: "naïve – 漢字" })}\n${JSON.stringify(done)}\n`;
    const bytes = new TextEncoder().encode(text);
    for (let cut = 1; cut < bytes.length; cut += 3) {
      const out: unknown[] = [];
      const r = ndjsonReader(searchEvent, (v) => out.push(v));
      r.push(bytes.subarray(0, cut));
      r.push(bytes.subarray(cut));
      r.end();
      expect(out).toEqual([{ type: "match", line: 7, offset: 12, text: "naïve – 漢字" }, done]);
    }
  });

  it("takes a last record without a trailing newline at the end", () => {
    const out: unknown[] = [];
    const r = ndjsonReader(anything, (v) => out.push(v));
    r.push(new TextEncoder().encode('{"a":1}\n{"b":2}'));
    expect(out).toEqual([{ a: 1 }]);
    r.end();
    expect(out).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it("validates every line: an event of the wrong shape stops the stream with an error naming the line and field", () => {
    const out: unknown[] = [];
    const r = ndjsonReader(searchEvent, (v) => out.push(v));
    const bad = `${JSON.stringify({ type: "progress", bytesRead: 10, size: 100 })}\n${JSON.stringify({ type: "match", line: "seven", offset: 0, text: "x" })}\n`;
    expect(() => r.push(new TextEncoder().encode(bad))).toThrow(/Line 2 of the stream has an unexpected shape: line: /);
    expect(out).toEqual([{ type: "progress", bytesRead: 10, size: 100 }]);
  });

  it("a line that is not JSON is named as such", () => {
    const s = ndjsonReader(anything, () => undefined);
    expect(() => s.push(new TextEncoder().encode("{}\n<html>\n"))).toThrow("Line 2 of the stream is not JSON.");
  });

  it("an error event is a valid event carrying the API error body's fields", () => {
    const out: unknown[] = [];
    const r = ndjsonReader(searchEvent, (v) => out.push(v));
    const error = { kind: "notFound", status: 404, code: "FileNotFound", message: "gone", requestId: "r-1" };
    r.push(new TextEncoder().encode(`${JSON.stringify({ type: "error", error })}\n`));
    expect(out).toEqual([{ type: "error", error }]);
  });
});
