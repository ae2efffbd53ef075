import { describe, expect, it } from "vitest";
import { ndjsonReader } from "@/lib/logs/ndjson";

describe("ndjsonReader", () => {
  it("parses records whole even when chunks cut them, and characters, anywhere", () => {
    const text = `${JSON.stringify({ type: "match", line: 7, text: "naïve – 漢字" })}\n${JSON.stringify({ type: "done", matches: 1 })}\n`;
    const bytes = new TextEncoder().encode(text);
    for (let cut = 1; cut < bytes.length; cut += 3) {
      const out: unknown[] = [];
      const r = ndjsonReader<unknown>((v) => out.push(v));
      r.push(bytes.subarray(0, cut));
      r.push(bytes.subarray(cut));
      r.end();
      expect(out).toEqual([
        { type: "match", line: 7, text: "naïve – 漢字" },
        { type: "done", matches: 1 },
      ]);
    }
  });

  it("takes a last record without a trailing newline at the end", () => {
    const out: unknown[] = [];
    const r = ndjsonReader<unknown>((v) => out.push(v));
    r.push(new TextEncoder().encode('{"a":1}\n{"b":2}'));
    expect(out).toEqual([{ a: 1 }]);
    r.end();
    expect(out).toEqual([{ a: 1 }, { b: 2 }]);
  });
});
