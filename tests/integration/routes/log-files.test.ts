import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET as taskFileGET } from "@/app/api/accounts/[account]/jobs/[jobId]/tasks/[taskId]/files/[...path]/route";
import { CHECKPOINT_LINES } from "@/lib/batch/line-index";
import { MAX_MATCHES } from "@/lib/batch/file-search";
import { call, callBytes, emulatorPerSuite } from "./support";

// Generated logs have a known layout: 4,096-byte blocks of exactly 32 lines, so line 32k+1 starts at
// byte 4,096k. That gives the line index an answer that does not come from the code under test.
const BLOCK = 4096;
const LINES_PER_BLOCK = 32;
const env = emulatorPerSuite({ scenario: "demo", account: "logs-demo" });
const JOB = "etl-nightly";
const TASK = "shard-0050";
const params = (path: string) => ({ account: env.account, jobId: JOB, taskId: TASK, path: path.split("/") });
const url = (path: string, query: string) => `/api/accounts/${env.account}/jobs/${JOB}/tasks/${TASK}/files/${path}?${query}`;

async function attach(path: string, size: number, extra: Record<string, unknown> = {}) {
  await env.control("POST", `/jobs/${JOB}/tasks/${TASK}/files`, { path, size, style: "app", seed: 5, ...extra });
}

async function sdkBytes(path: string, start: number, end: number): Promise<Buffer> {
  const res = await env.sdk.file.getFromTask(JOB, TASK, path, { fileGetFromTaskOptions: { ocpRange: `bytes=${start}-${end}` } });
  const chunks: Buffer[] = [];
  for await (const c of res.readableStreamBody ?? []) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}

async function lineAt(path: string, line: number) {
  const r = await call(taskFileGET, url(path, `line=${line}`), params(path));
  return { status: r.status, body: r.json as { line: number; offset: number; size: number; lines: number } };
}

describe("line index", () => {
  const SIZE = 9 * 1024 * 1024 + 123; // more than two 4 MiB scan ranges, ending mid-block

  it("finds where any line of a multi-megabyte file starts, checkpoint or not", async () => {
    await attach("wd/big.log", SIZE);
    for (const line of [1, 2, 33, CHECKPOINT_LINES, CHECKPOINT_LINES + 1, 5_000, 70_001]) {
      const r = await lineAt("wd/big.log", line);
      expect(r.status).toBe(200);
      const block = Math.floor((line - 1) / LINES_PER_BLOCK);
      if ((line - 1) % LINES_PER_BLOCK === 0) expect(r.body.offset).toBe(block * BLOCK);
      // Whatever the line, the byte before it is a newline and there are exactly line - 1 newlines before it
      // within its block.
      const blockStart = block * BLOCK;
      const bytes = await sdkBytes("wd/big.log", blockStart, r.body.offset);
      const before = bytes.subarray(0, r.body.offset - blockStart);
      expect(before.filter((b) => b === 0x0a).length).toBe((line - 1) % LINES_PER_BLOCK);
      if (line > 1) expect((await sdkBytes("wd/big.log", r.body.offset - 1, r.body.offset - 1))[0]).toBe(0x0a);
      expect(r.body.size).toBe(SIZE);
    }
  });

  it("counts the lines of the file once it has read to the end, and refuses one past the end", async () => {
    const far = await lineAt("wd/big.log", 1_000_000_000);
    expect(far.status).toBe(400);
    const lines = Number(/has (\d+) lines/.exec(JSON.stringify(far.body))?.[1]);
    const fullBlocks = Math.floor(SIZE / BLOCK);
    expect(lines).toBeGreaterThanOrEqual(fullBlocks * LINES_PER_BLOCK);
    expect(lines).toBeLessThanOrEqual((fullBlocks + 1) * LINES_PER_BLOCK);
    const last = await lineAt("wd/big.log", lines);
    expect(last).toMatchObject({ status: 200, body: { line: lines, lines } });
    expect((await lineAt("wd/big.log", lines + 1)).status).toBe(400);
  });

  it("reads only as far as the line asked for", async () => {
    await attach("wd/lazy.log", 9 * 1024 * 1024);
    await env.resetStats();
    const early = await lineAt("wd/lazy.log", 100);
    expect(early.body.line).toBe(100);
    // Line 100 is the 4th line of block 3 (32 lines a block).
    expect(Math.floor(early.body.offset / BLOCK)).toBe(Math.floor(99 / LINES_PER_BLOCK));
    expect(early.body.lines).toBeUndefined();
    const reads = (await env.stats()).byRoute;
    // A HEAD for the size, one 4 MiB range for the index, none of the rest of the 9 MiB.
    expect(reads[`GET /jobs/${JOB}/tasks/${TASK}/files/wd%2Flazy.log`]).toBeLessThanOrEqual(2);
  });

  it("extends the index as a log grows, and finds the new lines", async () => {
    await attach("wd/growing.log", 64 * 1024 * 1024, { bytesPerSecond: 40_000 });
    env.emu.advance(10_000);
    const first = (await call(taskFileGET, url("wd/growing.log", "line=1000000000"), params("wd/growing.log"))).json as { error: { message: string } };
    const firstLines = Number(/has (\d+) lines/.exec(first.error.message)?.[1]);
    env.emu.advance(100_000);
    // A file's size is cached for 2 s of real time, whatever the emulator's clock did.
    await new Promise((r) => setTimeout(r, 2_100));
    const later = await lineAt("wd/growing.log", firstLines + 100);
    expect(later.status).toBe(200);
    expect(later.body.line).toBe(firstLines + 100);
  });
});

interface Event {
  type: string;
  line?: number;
  text?: string;
  matches?: number;
  truncated?: boolean;
  bytesRead?: number;
  size?: number;
}

async function search(path: string, query: string): Promise<{ status: number; events: Event[] }> {
  const r = await callBytes(taskFileGET, url(path, query), params(path));
  if (r.status !== 200) return { status: r.status, events: [] };
  expect(r.headers.get("content-type")).toBe("application/x-ndjson");
  return {
    status: 200,
    events: r.bytes
      .toString("utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Event),
  };
}

describe("whole-file search", () => {
  it("finds a line anywhere in the file, with its line number, and reports progress", async () => {
    await attach("wd/search.log", 5 * 1024 * 1024);
    // The text of line 40,001 (block 1,250), read directly, must be found at that line number.
    const block = await sdkBytes("wd/search.log", 1250 * BLOCK, 1251 * BLOCK - 1);
    const target = block.toString("utf8").split("\n")[0]!;
    const { events } = await search("wd/search.log", `search=${encodeURIComponent(target)}&case=true`);
    const matches = events.filter((e) => e.type === "match");
    expect(matches.map((m) => m.line)).toContain(40_001);
    expect(matches.find((m) => m.line === 40_001)?.text).toBe(target.length > 400 ? `${target.slice(0, 400)}…` : target);
    expect(events.filter((e) => e.type === "progress").length).toBeGreaterThanOrEqual(2);
    expect(events.at(-1)).toMatchObject({ type: "done", truncated: false, bytesRead: 5 * 1024 * 1024 });
  });

  it("is case-insensitive unless asked, and stops at the match limit", async () => {
    const { events } = await search("wd/search.log", "search=info");
    const done = events.at(-1)!;
    expect(done).toMatchObject({ type: "done", truncated: true, matches: MAX_MATCHES });
    expect(events.filter((e) => e.type === "match").every((m) => m.text!.toLowerCase().includes("info"))).toBe(true);
    const none = await search("wd/search.log", "search=no-such-text-anywhere-42");
    expect(none.events.at(-1)).toMatchObject({ type: "done", matches: 0 });
  });

  it("from the operator's line (from=): the matches at and after it come first, in order", async () => {
    const { events } = await search("wd/search.log", "search=info&from=40001");
    const lines = events.filter((e) => e.type === "match").map((m) => m.line!);
    expect(lines).toHaveLength(MAX_MATCHES);
    expect(lines[0]).toBeGreaterThanOrEqual(40_001);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect((await search("wd/search.log", "search=info&from=0")).status).toBe(400);
  });

  it("takes a regular expression, and refuses an invalid or unsupported one before reading", async () => {
    const { events } = await search("wd/search.log", `search=${encodeURIComponent("^\\S+ ERROR")}&regex=true&case=true`);
    const matches = events.filter((e) => e.type === "match");
    expect(matches.length).toBeGreaterThan(0);
    expect(matches.every((m) => /^\S+ ERROR/.test(m.text!))).toBe(true);
    await env.resetStats();
    // RE2 has no backreferences or lookaround; nested quantifiers such as (a+)+ are harmless on it (see search-isolation.test.ts).
    for (const bad of ["[", "(a)\\1", "(?=a)b"]) {
      const r = await search("wd/search.log", `search=${encodeURIComponent(bad)}&regex=true`);
      expect(r.status).toBe(400);
    }
    expect((await env.stats()).total).toBe(0);
  });
});

describe("download", () => {
  it("streams the whole file through the server, byte for byte", async () => {
    const size = 6 * 1024 * 1024 + 7;
    await attach("wd/out.bin", size, { style: "binary" });
    const r = await callBytes(taskFileGET, url("wd/out.bin", "download=1"), params("wd/out.bin"));
    expect(r.status).toBe(200);
    expect(r.headers.get("content-disposition")).toBe('attachment; filename="out.bin"');
    expect(Number(r.headers.get("content-length"))).toBe(size);
    expect(r.bytes.length).toBe(size);
    const direct = Buffer.concat([await sdkBytes("wd/out.bin", 0, 4 * 1024 * 1024 - 1), await sdkBytes("wd/out.bin", 4 * 1024 * 1024, size - 1)]);
    expect(createHash("sha256").update(r.bytes).digest("hex")).toBe(createHash("sha256").update(direct).digest("hex"));
  });

  it("asks for one thing at a time", async () => {
    const r = await call(taskFileGET, url("wd/out.bin", "download=1&line=3"), params("wd/out.bin"));
    expect(r.status).toBe(400);
  });
});
