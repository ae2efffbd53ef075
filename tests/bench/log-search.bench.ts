/**
 * Log benchmark: a deep `#L1000001` link and a whole-file search in the `demo` scenario's 150 MiB
 * stderr.txt (job render-frames, task frame-encode-all), with every Batch call 100 ms away, side by side
 * with the floor they are held to: one sequential chain of 4 MiB ranged reads of the same bytes (what the
 * server did before it read ranges in parallel). A benchmark, not a test: nothing in vitest's include list
 * matches it, and its only checks are the sanity checks that make the numbers meaningful.
 *
 * Run:
 *   node --conditions=react-server --import tsx tests/bench/log-search.bench.ts
 *
 * The dashboard side is this process calling the file route's handler, as Next.js does (no browser, no
 * build); the emulator runs in a process of its own (tests/support/emulator-process.ts), so its log
 * generator does not share this event loop. The deep-link rows run in fresh processes (this file with
 * --link-child): "cold" and "warm" in one with an empty store file, "after a restart" in the next one on
 * that store file, whose memory is empty, so its line index comes from the store. Three rounds, interleaved
 * (links, their floor, searches, their floor) so background load hits every row alike; the tables show
 * each row's median round and the range of its seconds.
 * Calls: the emulator's request counter (GET /__emulator/stats), reset before each row. Bytes: the
 * Content-Length of each Batch GET this process (or the restarted one) received, from Node's
 * `http.client.response.finish` diagnostics channel. Time: wall clock around the request, to its last byte.
 *
 * The emulator generates its logs as they are read, at hundreds of milliseconds of CPU a 4 MiB range: that
 * is the emulator's cost, not Batch's (a node serves a file from its disk), and with it every row would
 * time the generator. So the file is first made once and kept in the emulator's memory (POST
 * /__emulator/jobs/{job}/tasks/{task}/files/in-memory: the same bytes), and every row then pays Batch's
 * round trips and the transfer. `--generated` skips that step, to see the generator-bound figures.
 * "CPU s" is the dashboard process's CPU time in the row (receiving the bytes, counting, matching).
 */
import { spawn } from "node:child_process";
import { subscribe } from "node:diagnostics_channel";
import type { ClientRequest, IncomingMessage } from "node:http";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { startEmulatorProcess } from "../support/emulator-process";

const COMMAND = "node --conditions=react-server --import tsx tests/bench/log-search.bench.ts";
const JOB = "render-frames";
const TASK = "frame-encode-all";
const FILE = "stderr.txt";
const DEEP_LINE = 1_000_001;
const LATENCY_MS = 100;
const MiB = 1 << 20;
/** Three interleaved rounds fit about three minutes and give a median that shrugs off one outlier. */
const ROUNDS = 3;

let bytesIn = 0;
subscribe("http.client.response.finish", (msg) => {
  const { request, response } = msg as { request: ClientRequest; response: IncomingMessage };
  // A HEAD's Content-Length is the file's size, not bytes sent.
  if (request.method !== "HEAD") bytesIn += Number(response.headers["content-length"] ?? 0);
});

interface Cost {
  ms: number;
  /** CPU time of the dashboard's process during the row. */
  cpuMs?: number;
  calls: number;
  bytes: number;
  note?: string;
}

const params = (account: string) => ({ account, jobId: JOB, taskId: TASK, path: [FILE] });
const fileUrl = (account: string, query: string) => `http://localhost/api/accounts/${account}/jobs/${JOB}/tasks/${TASK}/files/${FILE}?${query}`;

async function route() {
  return (await import("../../app/api/accounts/[account]/jobs/[jobId]/tasks/[taskId]/files/[...path]/route")).GET;
}

/** The dashboard's answer to `#L…`: where the line starts. */
async function deepLink(account: string, file = FILE, line = DEEP_LINE): Promise<{ ms: number; bytes: number; offset: number }> {
  const GET = await route();
  const before = bytesIn;
  const t0 = performance.now();
  const url = fileUrl(account, `line=${line}`).replace(`/${FILE}?`, `/${file}?`);
  const res = await GET(new Request(url), { params: Promise.resolve({ ...params(account), path: [file] }) });
  const body = (await res.json()) as { offset: number; line: number };
  const ms = performance.now() - t0;
  if (res.status !== 200 || body.line !== line) throw new Error(`line=${line} answered ${res.status} ${JSON.stringify(body)}`);
  return { ms, bytes: bytesIn - before, offset: body.offset };
}

/**
 * A dashboard process of its own: the link cold then warm on an empty store, or once after a restart. A
 * link into another file comes first, so the rows time the index, not the process's first request
 * (loading the route's modules, opening the store, the SDK's first connection).
 */
async function linkChild(): Promise<void> {
  const emu = { url: process.env.BATCH_ACCOUNT_URL! };
  const account = process.env.BATCH_ACCOUNT_NAME!;
  await deepLink(account, "stdout.txt", 1);
  const rows: Cost[] = [await measured(emu, () => deepLink(account))];
  if (process.argv.includes("cold")) rows.push(await measured(emu, () => deepLink(account)));
  console.log(JSON.stringify({ rows, offset: (await deepLink(account)).offset }));
}

async function control(emu: { url: string }, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${emu.url}/__emulator${path}`, {
    method,
    ...(body ? { body: JSON.stringify(body), headers: { "content-type": "application/json" } } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status}`);
  const text = await res.text();
  return text ? JSON.parse(text) : undefined;
}

async function measured(emu: { url: string }, run: () => Promise<{ ms: number; bytes?: number; note?: string }>): Promise<Cost> {
  await control(emu, "POST", "/stats/reset");
  const before = bytesIn;
  const cpu = process.cpuUsage();
  const r = await run();
  const used = process.cpuUsage(cpu);
  const { total } = (await control(emu, "GET", "/stats")) as { total: number };
  return { ms: r.ms, cpuMs: (used.user + used.system) / 1000, calls: total, bytes: r.bytes ?? bytesIn - before, ...(r.note ? { note: r.note } : {}) };
}

/** The floor: `ranges` ranged reads of 4 MiB, one after the other, through the dashboard's own client. */
async function sequentialStream(account: string, size: number, end: number): Promise<{ ms: number }> {
  const { findAccount } = await import("../../lib/batch/accounts");
  const { accountClient } = await import("../../lib/batch/client");
  const { scanFile } = await import("../../lib/batch/files");
  const { client } = accountClient((await findAccount(account))!);
  const t0 = performance.now();
  let read = 0;
  for await (const { bytes } of scanFile(client, { kind: "task", jobId: JOB, taskId: TASK }, FILE, 0, Math.min(size, end))) read += bytes.length;
  if (read !== Math.min(size, end)) throw new Error(`the stream read ${read} bytes of ${end}`);
  return { ms: performance.now() - t0 };
}

/** A whole-file search as the browser reads it: NDJSON events, the first match's arrival noted. */
async function search(account: string, query: string): Promise<{ ms: number; note: string }> {
  const GET = await route();
  const t0 = performance.now();
  const res = await GET(new Request(fileUrl(account, `search=${encodeURIComponent(query)}`)), { params: Promise.resolve(params(account)) });
  if (res.status !== 200 || !res.body) throw new Error(`search answered ${res.status}`);
  let firstMs: number | undefined;
  let rest = "";
  let done: { matches: number; bytesRead: number; lines: number } | undefined;
  const decoder = new TextDecoder();
  for await (const chunk of res.body) {
    const lines = (rest + decoder.decode(chunk, { stream: true })).split("\n");
    rest = lines.pop()!;
    for (const l of lines) {
      const e = JSON.parse(l) as { type: string; matches: number; bytesRead: number; lines: number };
      if (e.type === "match") firstMs ??= performance.now() - t0;
      if (e.type === "done") done = e;
      if (e.type === "error") throw new Error(`search failed: ${l}`);
    }
  }
  const ms = performance.now() - t0;
  if (!done || firstMs === undefined) throw new Error("the search ended without a done event or a match");
  return { ms, note: `${done.matches} match(es) in ${done.lines.toLocaleString("en-US")} lines; first match at ${(firstMs / 1000).toFixed(2)} s` };
}

function linkProcess(env: NodeJS.ProcessEnv, phase: "cold" | "restart"): Promise<{ rows: Cost[]; offset: number }> {
  return new Promise((resolve, reject) => {
    const args = ["--conditions=react-server", "--import", "tsx", process.argv[1]!, "--link-child", phase];
    const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("exit", (code) =>
      code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1)!) as { rows: Cost[]; offset: number }) : reject(new Error(`link child exited ${code}`)),
    );
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/** The round whose seconds are the median, with the range of seconds over the rounds. */
function summary(costs: Cost[]): Cost & { range: string } {
  const mid = costs.find((c) => c.ms === median(costs.map((x) => x.ms)))!;
  const ms = costs.map((c) => c.ms);
  return { ...mid, range: `${s(Math.min(...ms))}–${s(Math.max(...ms))}` };
}

const s = (ms: number) => (ms / 1000).toFixed(2);
const mib = (b: number) => (b / MiB).toFixed(1);

function table(title: string, floorRounds: Cost[], rows: [string, Cost[]][]): void {
  console.log(`\n${title}`);
  const floor = summary(floorRounds);
  const all = [["one sequential stream (floor)", floor] as const, ...rows.map(([name, c]) => [name, summary(c)] as const)];
  const header = ["", "seconds", "(range)", "× stream", "calls", "MiB", "CPU s", "notes"];
  const cells = all.map(([name, c]) => [
    name,
    s(c.ms),
    c.range,
    (c.ms / floor.ms).toFixed(2),
    String(c.calls),
    mib(c.bytes),
    c.cpuMs === undefined ? "–" : s(c.cpuMs),
    c.note ?? "",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 || i === r.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of cells) console.log(line(r));
}

async function main(): Promise<void> {
  const emu = await startEmulatorProcess({ scenario: "demo", account: "logbench" });
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      BATCH_ACCOUNT_NAME: emu.account,
      BATCH_ACCOUNT_URL: emu.url,
      BATCH_ACCOUNT_KEY: emu.key,
      BATCHSCOPE_LOCAL_OPERATOR: "true",
    };
    delete env.BATCH_ACCOUNTS_FILE;
    delete process.env.BATCH_ACCOUNTS_FILE;
    Object.assign(process.env, env);
    const generated = process.argv.includes("--generated");
    if (!generated) await control(emu, "POST", `/jobs/${JOB}/tasks/${TASK}/files/in-memory`, { path: FILE });
    await control(emu, "PUT", "/faults", { latencyMs: LATENCY_MS });
    console.log(
      `${COMMAND}\n${new Date().toISOString()}  ${os.cpus().length} cores, load ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(" ")}, latency ${LATENCY_MS} ms a call, the file ${generated ? "generated as it is read" : "kept in the emulator's memory"}`,
    );

    const { fileProperties } = await import("../../lib/batch/files");
    const { findAccount } = await import("../../lib/batch/accounts");
    const { SCAN_CHUNK_BYTES } = await import("../../lib/batch/files");
    const { size } = await fileProperties((await findAccount(emu.account))!, { kind: "task", jobId: JOB, taskId: TASK }, FILE);

    // Whole-file search: one line's text, so exactly one match near the start and the whole file read.
    const { readFileSlice } = await import("../../lib/batch/files");
    const head = await readFileSlice((await findAccount(emu.account))!, { kind: "task", jobId: JOB, taskId: TASK }, FILE, { offset: 0, length: 64 * 1024 });
    const query = head.bytes.toString("utf8").split("\n")[99]!.slice(0, 60);

    const rows: Record<string, Cost[]> = { cold: [], warm: [], restart: [], linkFloor: [], searchCold: [], searchWarm: [], searchFloor: [] };
    let offset = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // Deep link: cold and the same link again in a new dashboard process, then after a restart (from the store).
      const roundEnv = { ...env, BATCHSCOPE_AUDIT_DB: join(mkdtempSync(join(os.tmpdir(), "batchscope-logbench-")), "audit.sqlite") };
      const first = await linkProcess(roundEnv, "cold");
      rows.cold!.push(first.rows[0]!);
      rows.warm!.push(first.rows[1]!);
      rows.restart!.push((await linkProcess(roundEnv, "restart")).rows[0]!);
      offset = first.offset;
      // The floor reads what one chain of ranges needs to reach the line: every range up to its offset.
      rows.linkFloor!.push(await measured(emu, () => sequentialStream(emu.account, size, Math.ceil(offset / SCAN_CHUNK_BYTES) * SCAN_CHUNK_BYTES)));
      rows.searchCold!.push(await measured(emu, () => search(emu.account, query)));
      rows.searchWarm!.push(await measured(emu, () => search(emu.account, query)));
      rows.searchFloor!.push(await measured(emu, () => sequentialStream(emu.account, size, size)));
    }
    table(`#L${DEEP_LINE} in ${FILE} (${mib(size)} MiB; the line starts at ${mib(offset)} MiB), median of ${ROUNDS} rounds`, rows.linkFloor!, [
      ["cold (nothing indexed)", rows.cold!],
      ["warm (same link again)", rows.warm!],
      ["after a restart (index from the store)", rows.restart!],
    ]);
    table(`Whole-file search of ${FILE} for line 100's first 60 characters (case-insensitive), median of ${ROUNDS} rounds`, rows.searchFloor!, [
      ["cold", rows.searchCold!],
      ["warm (same search again; nothing is cached)", rows.searchWarm!],
    ]);
  } finally {
    await emu.stop();
  }
}

const run = process.argv.includes("--link-child") ? linkChild : main;
run().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
