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
 * generator does not share this event loop. "After a restart" is a fresh process (this file with
 * --restart-link) on the same store file: its memory is empty and the line index comes from the store.
 * Calls: the emulator's request counter (GET /__emulator/stats), reset before each row. Bytes: the
 * Content-Length of each Batch GET this process (or the restarted one) received, from Node's
 * `http.client.response.finish` diagnostics channel. Time: wall clock around the request, to its last byte.
 *
 * The emulator generates its logs as they are read, at hundreds of milliseconds of CPU a 4 MiB range: that
 * is the emulator's cost, not Batch's (a node serves a file from its disk), and with it every row would
 * time the generator. So the file is first made once and kept in the emulator's memory (POST
 * /__emulator/jobs/{job}/tasks/{task}/files/in-memory: the same bytes), and every row then pays Batch's
 * round trips and the transfer. `--generated` skips that step, to see the generator-bound figures.
 * "CPU s" is this process's CPU time in the row (the dashboard's side: receiving, counting, matching).
 */
import { spawn } from "node:child_process";
import { subscribe } from "node:diagnostics_channel";
import type { ClientRequest, IncomingMessage } from "node:http";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { startEmulatorProcess, type EmulatorProcess } from "../support/emulator-process";

const COMMAND = "node --conditions=react-server --import tsx tests/bench/log-search.bench.ts";
const JOB = "render-frames";
const TASK = "frame-encode-all";
const FILE = "stderr.txt";
const DEEP_LINE = 1_000_001;
const LATENCY_MS = 100;
const MiB = 1 << 20;

let bytesIn = 0;
subscribe("http.client.response.finish", (msg) => {
  const { request, response } = msg as { request: ClientRequest; response: IncomingMessage };
  // A HEAD's Content-Length is the file's size, not bytes sent.
  if (request.method !== "HEAD") bytesIn += Number(response.headers["content-length"] ?? 0);
});

interface Cost {
  ms: number;
  /** CPU time of this process (the dashboard side) during the row; undefined for the restarted process. */
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
async function deepLink(account: string): Promise<{ ms: number; bytes: number; offset: number }> {
  const GET = await route();
  const before = bytesIn;
  const t0 = performance.now();
  const res = await GET(new Request(fileUrl(account, `line=${DEEP_LINE}`)), { params: Promise.resolve(params(account)) });
  const body = (await res.json()) as { offset: number; line: number };
  const ms = performance.now() - t0;
  if (res.status !== 200 || body.line !== DEEP_LINE) throw new Error(`line=${DEEP_LINE} answered ${res.status} ${JSON.stringify(body)}`);
  return { ms, bytes: bytesIn - before, offset: body.offset };
}

/** A restarted dashboard: this file again, in a new process, answering one link and printing its cost. */
async function restartChild(): Promise<void> {
  const r = await deepLink(process.env.BATCH_ACCOUNT_NAME!);
  console.log(JSON.stringify(r));
}

async function control(emu: EmulatorProcess, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${emu.url}/__emulator${path}`, {
    method,
    ...(body ? { body: JSON.stringify(body), headers: { "content-type": "application/json" } } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status}`);
  const text = await res.text();
  return text ? JSON.parse(text) : undefined;
}

async function measured(emu: EmulatorProcess, run: () => Promise<{ ms: number; bytes?: number; note?: string }>): Promise<Cost> {
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

function restartedLink(emu: EmulatorProcess, env: NodeJS.ProcessEnv): Promise<{ ms: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", process.argv[1]!, "--restart-link"], {
      env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("exit", (code) =>
      code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1)!) as { ms: number; bytes: number }) : reject(new Error(`restart child exited ${code}`)),
    );
  });
}

const s = (ms: number) => (ms / 1000).toFixed(2);
const mib = (b: number) => (b / MiB).toFixed(1);

function table(title: string, floor: Cost, rows: [string, Cost][]): void {
  console.log(`\n${title}`);
  const all: [string, Cost][] = [["one sequential stream (floor)", floor], ...rows];
  const header = ["", "seconds", "× stream", "calls", "MiB", "CPU s", "notes"];
  const cells = all.map(([name, c]) => [
    name,
    s(c.ms),
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
      BATCHSCOPE_AUDIT_DB: join(mkdtempSync(join(os.tmpdir(), "batchscope-logbench-")), "audit.sqlite"),
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

    // Deep link: cold, the same link again, and after a restart (from the store).
    const cold = await measured(emu, () => deepLink(emu.account));
    const { offset } = await deepLink(emu.account);
    const warm = await measured(emu, () => deepLink(emu.account));
    const restart = { ...(await measured(emu, () => restartedLink(emu, env))), cpuMs: undefined };
    // The floor reads what one chain of ranges needs to reach the line: every range up to its offset.
    const linkEnd = Math.ceil(offset / SCAN_CHUNK_BYTES) * SCAN_CHUNK_BYTES;
    const linkFloor = await measured(emu, () => sequentialStream(emu.account, size, linkEnd));
    table(`#L${DEEP_LINE} in ${FILE} (${mib(size)} MiB; the line starts at ${mib(offset)} MiB)`, linkFloor, [
      ["cold (nothing indexed)", cold],
      ["warm (same link again)", warm],
      ["after a restart (index from the store)", restart],
    ]);

    // Whole-file search: one line's text, so exactly one match near the start and the whole file read.
    const { readFileSlice } = await import("../../lib/batch/files");
    const head = await readFileSlice((await findAccount(emu.account))!, { kind: "task", jobId: JOB, taskId: TASK }, FILE, { offset: 0, length: 64 * 1024 });
    const query = head.bytes.toString("utf8").split("\n")[99]!.slice(0, 60);
    const searchCold = await measured(emu, () => search(emu.account, query));
    const searchWarm = await measured(emu, () => search(emu.account, query));
    const searchFloor = await measured(emu, () => sequentialStream(emu.account, size, size));
    table(`Whole-file search of ${FILE} for line 100's first 60 characters (case-insensitive)`, searchFloor, [
      ["cold", searchCold],
      ["warm (same search again; nothing is cached)", searchWarm],
    ]);
  } finally {
    await emu.stop();
  }
}

const run = process.argv.includes("--restart-link") ? restartChild : main;
run().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
