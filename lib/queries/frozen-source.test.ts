import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { openAtLines } from "@/components/logs/range-reads";
import { loadedLines } from "@/lib/logs/lines";
import { readProperties, readRange } from "@/lib/logs/read-range";
import { fileProperties } from "@/lib/schemas/files";
import type { FrozenAnswer } from "@/lib/schemas/snapshots";
import { apiFetch, errorInfo, streamNdjson } from "./api-fetch";
import { enterFrozen, frozenResponse, leaveFrozen, lineInSlice, parseContentRange, sliceFor, type FrozenAnswers } from "./frozen-source";

const FILE = "/api/accounts/demo/jobs/j1/tasks/t1/files/stderr.txt";
const text = "line 1\nline 2\nline 3\nline 4\n"; // 28 bytes
const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
const slice = (a: number, b: number, size: number, body: string): FrozenAnswer => ({
  status: 206,
  headers: { "content-range": `bytes ${a}-${b}/${size}`, "content-type": "text/plain", "x-file-last-modified": "2026-01-01T00:00:00.000Z" },
  body: b64(body),
  encoding: "base64",
});
const answers: FrozenAnswers = {
  "/api/accounts/demo/pools/p1": { status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "p1" }), encoding: "utf8" },
  "/api/accounts/demo/pools/p1/heatmap?from=2026-01-01T00%3A00%3A00.000Z&to=2026-01-01T01%3A00%3A00.000Z": {
    status: 200,
    headers: {},
    body: JSON.stringify({ cells: 3 }),
    encoding: "utf8",
  },
  [FILE]: slice(0, 27, 28, text),
  // The last 7 bytes of a 1,000-byte file: "line 4\n" at 993.
  "/api/accounts/demo/pools/p1/nodes/n1/files/big.log": slice(993, 999, 1000, "line 4\n"),
};
const get = (path: string) => frozenResponse(answers, path, { method: "GET" });

describe("frozen answers", () => {
  it("answers a captured read whatever the order of its query", async () => {
    const res = get("/api/accounts/demo/pools/p1/heatmap?to=2026-01-01T01:00:00.000Z&from=2026-01-01T00:00:00.000Z&signature=");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ cells: 3 });
  });

  it("answers a read it did not save as NotInSnapshot, and a streamed search too", async () => {
    for (const res of [get("/api/accounts/demo/pools/p2"), frozenResponse(answers, `${FILE}?q=boom`, { method: "GET", accept: "application/x-ndjson" })]) {
      expect(res.status).toBe(404);
      const body = (await res.json()) as { error: { code: string; kind: string; message: string } };
      expect(body.error).toMatchObject({ kind: "notFound", code: "NotInSnapshot" });
      expect(body.error.message).toMatch(/^This snapshot did not save /);
    }
  });

  it("serves ranged reads of a file from its saved slice, and nothing outside it", async () => {
    const tail = get(`${FILE}?length=14`);
    expect(tail.status).toBe(206);
    expect(tail.headers.get("x-range-start")).toBe("14");
    expect(tail.headers.get("x-file-size")).toBe("28");
    expect(tail.headers.get("content-range")).toBe("bytes 14-27/28");
    expect(await tail.text()).toBe("line 3\nline 4\n");
    expect(await get(`${FILE}?offset=7&length=7`).text()).toBe("line 2\n");
    const big = get("/api/accounts/demo/pools/p1/nodes/n1/files/big.log?length=65536");
    expect(big.headers.get("x-range-start")).toBe("993");
    expect(await big.text()).toBe("line 4\n");
    expect(get("/api/accounts/demo/pools/p1/nodes/n1/files/big.log?offset=0&length=100").status).toBe(404);
    expect(get(`${FILE}?download=1`).status).toBe(404);
  });

  it("answers a HEAD with the headers and no body", async () => {
    const res = frozenResponse(answers, `${FILE}?length=7`, { method: "HEAD" });
    expect(res.headers.get("x-file-size")).toBe("28");
    expect(await res.text()).toBe("");
  });

  it("answers size checks and line lookups from the slice", async () => {
    expect(await get(`${FILE}?properties=true`).json()).toEqual({ name: "stderr.txt", isDirectory: false, size: 28, lastModified: "2026-01-01T00:00:00.000Z" });
    expect(await get(`${FILE}?line=3`).json()).toEqual({ line: 3, offset: 14, size: 28 });
    expect(get("/api/accounts/demo/pools/p1/nodes/n1/files/big.log?line=3").status).toBe(404);
  });
});

describe("range slicing", () => {
  const s = { start: 100, end: 200, size: 500 };
  it("parses content-range and refuses nonsense", () => {
    expect(parseContentRange("bytes 100-199/500")).toEqual(s);
    expect(parseContentRange("bytes 5-4/500")).toBeUndefined();
    expect(parseContentRange("bytes 0-500/500")).toBeUndefined();
    expect(parseContentRange(undefined)).toBeUndefined();
  });
  it("cuts a read to what the slice holds, from where it asked", () => {
    expect(sliceFor(s, { offset: 150, length: 100 })).toEqual({ from: 150, to: 200 });
    expect(sliceFor(s, { offset: 100, length: 10 })).toEqual({ from: 100, to: 110 });
    expect(sliceFor(s, { offset: 50, length: 100 })).toBeUndefined();
    expect(sliceFor(s, { offset: 200, length: 10 })).toBeUndefined();
    // A tail read of a slice that does not reach the end gets nothing past the slice.
    expect(sliceFor({ start: 0, end: 500, size: 500 }, { length: 100 })).toEqual({ from: 400, to: 500 });
    expect(sliceFor({ start: 450, end: 500, size: 500 }, { length: 100 })).toEqual({ from: 450, to: 500 });
  });
  it("finds a line only in a slice that starts the file", () => {
    const bytes = new TextEncoder().encode("a\nb\nc");
    expect(lineInSlice(bytes, { start: 0, size: 5 }, 1)).toEqual({ line: 1, offset: 0, size: 5 });
    expect(lineInSlice(bytes, { start: 0, size: 5 }, 3)).toEqual({ line: 3, offset: 4, size: 5 });
    expect(lineInSlice(bytes, { start: 0, size: 5 }, 4)).toBeUndefined();
    expect(lineInSlice(bytes, { start: 1, size: 6 }, 2)).toBeUndefined();
  });
});

describe("the fetch path while a frozen view is mounted", () => {
  const g = globalThis as { window?: unknown };
  afterEach(() => {
    leaveFrozen();
    delete g.window;
  });
  it("answers the viewer's reads from the snapshot and a miss as a NotInSnapshot ApiError", async () => {
    g.window = globalThis;
    enterFrozen(answers);
    const read = await readRange(FILE, { offset: 7, length: 7 });
    expect(read).toMatchObject({ size: 28, lastModified: "2026-01-01T00:00:00.000Z", chunk: { start: 7 } });
    expect(new TextDecoder().decode(read.chunk.bytes)).toBe("line 2\n");
    expect((await readProperties(FILE)).size).toBe(28);
    expect(await apiFetch("/api/accounts/demo/pools/p1", z.object({ name: z.string() }))).toEqual({ name: "p1" });
    const miss = await apiFetch("/api/accounts/demo/jobs/gone", fileProperties).catch((e: unknown) => e);
    expect(errorInfo(miss)).toMatchObject({ kind: "notFound", status: 404, code: "NotInSnapshot" });
    const search = await streamNdjson(`${FILE}?q=x`, z.unknown(), () => undefined).catch((e: unknown) => e);
    expect(errorInfo(search)?.code).toBe("NotInSnapshot");
  });
  it("opens a file view's saved lines deep in a file, with line numbers, though nothing around them was saved", async () => {
    g.window = globalThis;
    // The capture saved line 4 of a 1,000-byte file from the LF that ends line 3, and where line 4 starts.
    const deep = "/api/accounts/demo/pools/p1/nodes/n1/files/deep.log";
    enterFrozen({
      [deep]: slice(992, 999, 1000, "\nline 4\n"),
      [`${deep}?line=4`]: {
        status: 200,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ line: 4, offset: 993, size: 1000 }),
        encoding: "utf8",
      },
    });
    const opened = await openAtLines(deep, { from: 4, to: 4 }, () => true);
    expect(opened?.kind).toBe("range");
    if (opened?.kind !== "range") return;
    expect(opened.notice).toBeUndefined();
    expect(opened.range.lfBefore).toBe(2);
    const { lines } = loadedLines(opened.range.chunks, false);
    expect(lines.map((l) => l.plain)).toContain("line 4");
  });

  it("is never in place on the server (no window)", async () => {
    enterFrozen(answers);
    const miss = await apiFetch("http://127.0.0.1:1/api/accounts/demo/pools/p1", z.unknown()).catch((e: unknown) => e);
    expect(errorInfo(miss)?.kind).toBe("network");
  });
});
