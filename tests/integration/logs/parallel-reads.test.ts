import { describe, expect, it, vi } from "vitest";
import { findAccount, type BatchAccount } from "@/lib/batch/accounts";
import { searchFile, type SearchQuery } from "@/lib/batch/file-search";
import { fetchRange, rangesInParallel, readRanges, SCAN_CHUNK_BYTES, type FileOwner } from "@/lib/batch/files";
import { accountClient } from "@/lib/batch/client";
import { indexOfBytes } from "@/lib/batch/line-counts";
import { lineIndex } from "@/lib/batch/line-index";
import { call, emulatorPerSuite, type RouteHandler } from "../routes/support";

// Parallel range reads against a real emulator over a real socket: the line index and the search must give
// exactly what one sequential pass over the bytes gives, however the file is cut into ranges. Files are put
// straight into the emulator's task directory, so each shape (empty, no final newline, CRLF, a line longer
// than a range) is exact; the emulator serves them like any other file.
const env = emulatorPerSuite({ scenario: "demo", account: "parallel-logs" });
const JOB = "etl-nightly";
const TASK = "shard-0050";
const owner: FileOwner = { kind: "task", jobId: JOB, taskId: TASK };
const CHUNK = 1000;

let now = Date.UTC(2026, 0, 1);
function put(path: string, data: Buffer, created = now) {
  now += 60_000;
  env.emu.sim.store.jobs
    .get(JOB)!
    .tasks.get(TASK)!
    .files.set(path, { content: { kind: "bytes", data }, creationMs: created, lastModifiedMs: now });
}

const account = async (): Promise<BatchAccount> => (await findAccount(env.account))!;
const fileGets = async (path: string) => (await env.stats()).byRoute[`GET /jobs/${JOB}/tasks/${TASK}/files/${encodeURIComponent(path)}`] ?? 0;
/** fileProperties is cached for 2 s: a file replaced under the same name is seen after that. */
const forgetProperties = async () => accountClient(await account()).cache.invalidate(`${env.account}|`);

/** Lines of varied length (some empty, some CRLF), so ranges end anywhere in a line. */
function logText(lines: number, seed: number): Buffer {
  let x = seed;
  const out: string[] = [];
  for (let i = 1; i <= lines; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    out.push(`${i} ${"level=info needle-free words ".slice(0, x % 29)}${x % 97 === 0 ? "FOUND it" : ""}${x % 5 === 0 ? "\r" : ""}`);
  }
  return Buffer.from(`${out.join("\n")}\n`);
}

describe("parallel line index", () => {
  const shapes: [string, Buffer][] = [
    ["empty", Buffer.alloc(0)],
    ["no-final-newline", Buffer.from("a\nbb\nccc")],
    ["crlf", Buffer.from("one\r\ntwo\r\n".repeat(3000))],
    ["long-line", Buffer.concat([Buffer.from("x\n"), Buffer.alloc(CHUNK * 5 + 17, 0x61), Buffer.from("\ny\n".repeat(2500))])],
    ["log", logText(5000, 7)],
  ];

  it.each(shapes)("gives the offsets of a sequential count: %s", async (name, bytes) => {
    put(`par/${name}.log`, bytes);
    const { idx, fileSize } = await lineIndex(await account(), owner, `par/${name}.log`, Infinity, { chunkBytes: CHUNK });
    expect(fileSize).toBe(bytes.length);
    expect(idx).toMatchObject(indexOfBytes(bytes));
  });

  it("stops soon after the line asked for, with only a few ranges in flight past it", async () => {
    const bytes = logText(40_000, 3);
    put("par/deep.log", bytes);
    await env.resetStats();
    const { idx } = await lineIndex(await account(), owner, "par/deep.log", 10_000, { chunkBytes: CHUNK });
    const needed = Math.ceil(indexOfBytes(bytes).checkpoints[Math.ceil(10_000 / 1024)]! / CHUNK);
    const parallel = rangesInParallel(accountClient(await account()).slots);
    expect(idx.newlines).toBeGreaterThanOrEqual(10_000);
    expect(await fileGets("par/deep.log")).toBeLessThanOrEqual(needed + parallel);
    expect(idx.size).toBeLessThan(bytes.length / 2);
  });

  it("counts a replaced file again, whether it grew or kept its size", async () => {
    const a = account();
    put("par/replaced.log", logText(3000, 1));
    await lineIndex(await a, owner, "par/replaced.log", Infinity, { chunkBytes: CHUNK });
    for (const next of [logText(6000, 2), logText(6000, 9)]) {
      put("par/replaced.log", next);
      await forgetProperties();
      const { idx } = await lineIndex(await a, owner, "par/replaced.log", Infinity, { chunkBytes: CHUNK });
      expect(idx).toMatchObject(indexOfBytes(next));
    }
  });
});

describe("reused range buffers", () => {
  it("give each range's own bytes, in order, while earlier buffers take later ranges", async () => {
    const bytes = logText(6000, 11);
    put("par/reuse.log", bytes);
    const { client } = accountClient(await account());
    // Ranges past Node's 4 KiB pool size, so no two would share an ArrayBuffer by chance.
    const chunkBytes = 5000;
    const seen: Buffer[] = [];
    for await (const { offset, bytes: got } of readRanges(client, owner, "par/reuse.log", 0, bytes.length, { chunkBytes, ahead: () => 3 })) {
      expect(got.equals(bytes.subarray(offset, offset + chunkBytes))).toBe(true);
      seen.push(got);
    }
    expect(seen.length).toBeGreaterThan(20);
    // Only a few buffers for all those ranges: the ones in flight and the one handed over.
    expect(new Set(seen.map((b) => b.buffer)).size).toBeLessThanOrEqual(4);
  });

  it("still gives every byte when more arrive than the buffer holds", async () => {
    const bytes = logText(500, 12);
    put("par/overflow.log", bytes);
    const { client } = accountClient(await account());
    const into = Buffer.alloc(100);
    const got = await fetchRange(client, owner, "par/overflow.log", 0, bytes.length - 1, undefined, into);
    expect(got.equals(bytes)).toBe(true);
    expect(got.buffer).not.toBe(into.buffer);
  });
});

describe("a deep link after a restart", () => {
  it("reads its index from the store, not from the file", { timeout: 60_000 }, async () => {
    const path = "par/restart.log";
    await env.control("POST", `/jobs/${JOB}/tasks/${TASK}/files`, { path, size: 3 * SCAN_CHUNK_BYTES + 5000, style: "app", seed: 4 });
    const link = `/api/accounts/${env.account}/jobs/${JOB}/tasks/${TASK}/files/${path}?line=90001`;
    const params = { account: env.account, jobId: JOB, taskId: TASK, path: path.split("/") };
    const route = async (): Promise<RouteHandler> => (await import("@/app/api/accounts/[account]/jobs/[jobId]/tasks/[taskId]/files/[...path]/route")).GET;
    await env.resetStats();
    const cold = await call(await route(), link, params);
    expect(cold.status).toBe(200);
    const coldReads = await fileGets(path);
    expect(coldReads).toBeGreaterThanOrEqual(3);

    // A restart: fresh modules (no index in memory) and the store file opened again.
    vi.resetModules();
    await (await import("@/lib/audit/open")).closeStores();
    await forgetProperties();
    await env.resetStats();
    const warm = await call(await route(), link, params);
    expect(warm.json).toEqual(cold.json);
    // One range: from the checkpoint before line 90,001 to the line itself; none for the index.
    expect(await fileGets(path)).toBe(1);
  });
});

describe("parallel search", () => {
  const q: SearchQuery = { query: "found", regex: false, caseSensitive: false };

  /** The reference: every line of the bytes, in order, tested one by one. */
  function sequential(bytes: Buffer, test: (line: string) => boolean) {
    const out: { line: number; offset: number; text: string }[] = [];
    let offset = 0;
    bytes
      .toString("utf8")
      .split("\n")
      .forEach((raw, i, all) => {
        const text = raw.replace(/\r$/, "");
        if (!(i === all.length - 1 && raw === "") && test(text)) out.push({ line: i + 1, offset, text });
        offset += Buffer.byteLength(raw) + 1;
      });
    return out;
  }

  it.each([
    ["plain", q],
    ["case-sensitive", { ...q, query: "FOUND", caseSensitive: true }],
    ["regex", { query: "^\\d+7 .*FOUND", regex: true, caseSensitive: true }],
  ] as const)("gives the ordered matches of a sequential scan: %s", async (_, query) => {
    const bytes = Buffer.concat([logText(8000, 5), Buffer.from("last FOUND line without newline")]);
    put("par/search.log", bytes);
    const events = [];
    for await (const e of searchFile(await account(), owner, "par/search.log", query, { chunkBytes: CHUNK })) events.push(e);
    const test = (l: string) => new RegExp(query.query, query.caseSensitive ? "" : "i").test(l);
    const expected = sequential(bytes, test);
    expect(expected.length).toBeGreaterThan(5);
    expect(events.filter((e) => e.type === "match").map((e) => ({ line: e.line, offset: e.offset, text: e.text }))).toEqual(expected);
    expect(events.at(-1)).toMatchObject({ type: "done", matches: expected.length, bytesRead: bytes.length, lines: 8001 });
  });

  it("from the operator's line: that line to the end first, then from the top back to it, all found", async () => {
    const bytes = Buffer.concat([logText(8000, 5), Buffer.from("last FOUND line without newline")]);
    put("par/from.log", bytes);
    const expected = sequential(bytes, (l) => /found/i.test(l));
    const run = async (fromLine: number) => {
      const events = [];
      for await (const e of searchFile(await account(), owner, "par/from.log", q, { chunkBytes: CHUNK, fromLine })) events.push(e);
      return events;
    };
    const events = await run(3001);
    const after = expected.filter((m) => m.line >= 3001);
    expect(after.length).toBeGreaterThan(2);
    expect(events.filter((e) => e.type === "match").map((e) => ({ line: e.line, offset: e.offset, text: e.text }))).toEqual([
      ...after,
      ...expected.filter((m) => m.line < 3001),
    ]);
    expect(events.at(-1)).toMatchObject({ type: "done", matches: expected.length, bytesRead: bytes.length, lines: 8001, fromLine: 3001, wrapped: true });
    // A line past the end: the whole file from the top, and the done event says so rather than the line asked for.
    const past = await run(9000);
    expect(past.filter((e) => e.type === "match").map((e) => e.type === "match" && e.line)).toEqual(expected.map((m) => m.line));
    expect(past.at(-1)).toMatchObject({ type: "done", fromLine: 1, wrapped: false });
  });

  it("sends its first match while later ranges are still to be read", async () => {
    const bytes = logText(20_000, 5);
    put("par/early.log", bytes);
    await env.resetStats();
    let readsAtFirst: number | undefined;
    let last;
    for await (const e of searchFile(await account(), owner, "par/early.log", q, { chunkBytes: CHUNK })) {
      if (e.type === "match" && readsAtFirst === undefined) readsAtFirst = await fileGets("par/early.log");
      last = e;
    }
    const ranges = Math.ceil(bytes.length / CHUNK);
    expect(last).toMatchObject({ type: "done", bytesRead: bytes.length });
    expect(await fileGets("par/early.log")).toBe(ranges);
    expect(readsAtFirst).toBeLessThan(ranges / 4);
  });
});
