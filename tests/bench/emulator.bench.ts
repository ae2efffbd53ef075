/**
 * Emulator benchmark: what the `scale` and `demo` scenarios cost, seen through the real @azure/batch SDK.
 * A benchmark, not a test: no assertions beyond sanity checks, and nothing in vitest's include list matches it.
 *
 * Run (preferred, so memory is measured after a real forced GC):
 *   node --expose-gc --import tsx tests/bench/emulator.bench.ts
 * Also works, but then gc is switched on late through V8 flags (reported in the output):
 *   npx tsx tests/bench/emulator.bench.ts
 *
 * The emulator runs in this process on purpose: that is the only way to see what building the scenario
 * costs in memory. The price is that list and read timings include the server's work as well as the
 * client's. The "raw" listing row (same signed pipeline and JSON.parse, but no SDK model mapping) shows how
 * much of the SDK row is the SDK's mapping and how much is the server, the transport and JSON.parse.
 */
import os from "node:os";
import path from "node:path";
import { BatchServiceClient, BatchSharedKeyCredentials, type BatchServiceModels } from "@azure/batch";
import { API_VERSION, startEmulator, type Emulator } from "../../lib/emulator/server";
import { int, mib, ms, percentile, printTable, signedMib } from "./support/emulator-report";
import { GC, peakSampler, settledMemory, type Mem } from "./support/memory";

const MiB = 1 << 20;
const EXPECTED_TASKS = 200_000;
const PAGE_SIZE = 1000;
const RANGE_REPS = 20;
const BIG_LOG = { job: "render-frames", task: "frame-encode-all", file: "stdout.txt" } as const;

// ---------------------------------------------------------------------------------------------- SDK helpers

function sdkClient(emu: Emulator): BatchServiceClient {
  // No retries: a retried page would hide a slow or failing server inside the timing.
  return new BatchServiceClient(new BatchSharedKeyCredentials(emu.account, emu.key), emu.url, { noRetryPolicy: true } as never);
}

/** Wire bytes from Content-Length (the emulator always sets it for JSON); body length in chars as a fallback. */
function bytesOf(response: { headers: { get(name: string): string | undefined }; bodyAsText?: string | null }): number {
  const header = Number(response.headers.get("content-length"));
  return Number.isFinite(header) && header > 0 ? header : (response.bodyAsText?.length ?? 0);
}

interface ListRun {
  items: number;
  pages: number;
  bytes: number;
  ms: number;
  cpuMs: number;
  peak: Mem;
  after: Mem;
}

async function measureList(walk: (count: (items: number, bytes: number) => void) => Promise<void>): Promise<ListRun> {
  await settledMemory();
  let items = 0;
  let pages = 0;
  let bytes = 0;
  const sampler = peakSampler();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await walk((n, b) => {
    items += n;
    pages++;
    bytes += b;
  });
  const elapsed = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const peak = sampler.stop();
  // Settled afterwards: pages are dropped as we go, so anything left here is retained by client or server.
  return { items, pages, bytes, ms: elapsed, cpuMs: (cpu.user + cpu.system) / 1000, peak, after: await settledMemory() };
}

/** Every page of every job through task.list/listNext, counting and then dropping each page. */
function sdkWalk(client: BatchServiceClient, jobIds: readonly string[], options: BatchServiceModels.TaskListOptions) {
  return async (count: (items: number, bytes: number) => void) => {
    for (const jobId of jobIds) {
      let page = await client.task.list(jobId, { taskListOptions: { maxResults: PAGE_SIZE, ...options } });
      for (;;) {
        count(page.length, bytesOf(page._response));
        if (!page.odatanextLink) break;
        page = await client.task.listNext(page.odatanextLink);
      }
    }
  };
}

/** Same pages through the client's signed pipeline but without the SDK's model mapping, to split client cost. */
function rawWalk(client: BatchServiceClient, baseUrl: string, jobIds: readonly string[]) {
  return async (count: (items: number, bytes: number) => void) => {
    for (const jobId of jobIds) {
      let url: string | undefined = `${baseUrl}/jobs/${encodeURIComponent(jobId)}/tasks?api-version=${API_VERSION}&maxresults=${PAGE_SIZE}`;
      while (url) {
        const res = await client.sendRequest({ method: "GET", url });
        if (res.status !== 200) throw new Error(`raw list ${jobId}: HTTP ${res.status}`);
        const body = res.parsedBody as { value: unknown[]; "odata.nextLink"?: string };
        count(body.value.length, bytesOf(res));
        url = body["odata.nextLink"];
      }
    }
  };
}

async function listJobIds(client: BatchServiceClient): Promise<string[]> {
  const ids: string[] = [];
  let page = await client.job.list();
  for (;;) {
    ids.push(...page.map((j) => j.id ?? ""));
    if (!page.odatanextLink) return ids;
    page = await client.job.listNext(page.odatanextLink);
  }
}

/** The emulator's own count of failed tasks: ground truth for the $filter row, read without the wire. */
function failedInStore(emu: Emulator): number {
  return emu.sim.store.jobs.values().reduce((sum, job) => sum + job.counts.failed, 0);
}

function check(what: string, actual: number, expected: number): void {
  if (actual !== expected) throw new Error(`${what}: got ${int(actual)}, expected ${int(expected)}`);
}

// ---------------------------------------------------------------------------------------------- phases

async function benchScale(atStart: Mem): Promise<void> {
  const before = await settledMemory();
  const t0 = performance.now();
  const emu = await startEmulator({ scenario: "scale", seed: 1, speed: 1 });
  const startMs = performance.now() - t0;
  const after = await settledMemory();
  printTable(
    "2. scale scenario start-up (emulator in this process)",
    ["phase", "ms", "RSS MiB", "heapUsed MiB"],
    [
      ["start of run (modules loaded)", "", mib(atStart.rss), mib(atStart.heapUsed)],
      ["before startEmulator (demo phase done)", "", mib(before.rss), mib(before.heapUsed)],
      ["after startEmulator({scenario:'scale'})", ms(startMs), mib(after.rss), mib(after.heapUsed)],
      ["delta = cost of the scenario", "", signedMib(after.rss - before.rss), signedMib(after.heapUsed - before.heapUsed)],
    ],
  );

  try {
    const client = sdkClient(emu);
    const jobIds = await listJobIds(client);
    check("jobs in scale scenario", jobIds.length, 20);
    const failed = failedInStore(emu);
    const variants: [string, Parameters<typeof measureList>[0], number][] = [
      ["SDK task.list (all fields)", sdkWalk(client, jobIds, {}), EXPECTED_TASKS],
      ["SDK $select=id,state,executionInfo,nodeInfo", sdkWalk(client, jobIds, { select: "id,state,executionInfo,nodeInfo" }), EXPECTED_TASKS],
      ["SDK $filter=executionInfo/result eq 'failure'", sdkWalk(client, jobIds, { filter: "executionInfo/result eq 'failure'" }), failed],
      ["raw signed GET + JSON.parse (no SDK mapping)", rawWalk(client, emu.url, jobIds), EXPECTED_TASKS],
    ];
    const rows: string[][] = [];
    for (const [name, walk, expected] of variants) {
      const run = await measureList(walk);
      check(name, run.items, expected);
      rows.push([
        name,
        int(run.items),
        int(run.pages),
        mib(run.bytes),
        ms(run.ms),
        ms(run.cpuMs),
        int(Math.round(run.items / (run.ms / 1000))),
        mib(run.peak.rss),
        mib(run.peak.heapUsed),
        mib(run.after.heapUsed),
      ]);
    }
    printTable(
      `3. list all tasks of ${jobIds.length} jobs, maxResults=${PAGE_SIZE} (client + server in one process; ${int(failed)} failed tasks in store)`,
      ["variant", "items", "pages", "MiB recv (Content-Length)", "wall ms", "cpu ms", "items/s", "peak RSS", "peak heap", "heap after GC"],
      rows,
    );
  } finally {
    await emu.close();
  }
}

async function readFully(stream: NodeJS.ReadableStream): Promise<number> {
  let bytes = 0;
  for await (const chunk of stream) bytes += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.length;
  return bytes;
}

async function timedRangeRead(client: BatchServiceClient, range: string): Promise<number> {
  const t0 = performance.now();
  const res = await client.file.getFromTask(BIG_LOG.job, BIG_LOG.task, BIG_LOG.file, { fileGetFromTaskOptions: { ocpRange: range } });
  if (!res.readableStreamBody) throw new Error("getFromTask returned no readableStreamBody (not running on Node?)");
  const bytes = await readFully(res.readableStreamBody);
  const elapsed = performance.now() - t0;
  check(`bytes for ${range}`, bytes, MiB);
  return elapsed;
}

async function benchRangeRead(): Promise<void> {
  const t0 = performance.now();
  const emu = await startEmulator({ scenario: "demo", seed: 1, speed: 1 });
  const startMs = performance.now() - t0;
  try {
    const client = sdkClient(emu);
    const size = (await client.file.getPropertiesFromTask(BIG_LOG.job, BIG_LOG.task, BIG_LOG.file)).contentLength;
    const range = `bytes=${size - MiB}-${size - 1}`;
    // One untimed read first: the first request pays for JIT and the connection, which is not the steady state.
    await timedRangeRead(client, range);
    const before = await settledMemory();
    const sampler = peakSampler();
    const times: number[] = [];
    for (let i = 0; i < RANGE_REPS; i++) times.push(await timedRangeRead(client, range));
    const peak = sampler.stop();
    const after = await settledMemory();
    const sorted = [...times].sort((a, b) => a - b);
    printTable(
      `1. demo scenario (start-up ${ms(startMs)} ms): ${RANGE_REPS} x 1 MiB range read at the end of ${BIG_LOG.job}/${BIG_LOG.task}/${BIG_LOG.file} (${int(size)} bytes), ${range}`,
      ["metric", "value"],
      [
        ["bytes per read (verified)", int(MiB)],
        ["median ms", ms(percentile(sorted, 50))],
        ["p95 ms", ms(percentile(sorted, 95))],
        ["min / max ms", `${ms(sorted[0]!)} / ${ms(sorted.at(-1)!)}`],
        ["RSS before / after (GC'd) MiB", `${mib(before.rss)} / ${mib(after.rss)}`],
        ["RSS delta MiB", signedMib(after.rss - before.rss)],
        ["peak RSS during reads MiB", `${mib(peak.rss)} (${signedMib(peak.rss - before.rss)})`],
        ["heapUsed delta MiB", signedMib(after.heapUsed - before.heapUsed)],
      ],
    );
  } finally {
    await emu.close();
  }
}

// ---------------------------------------------------------------------------------------------- main

function printPreamble(): void {
  const script = path.relative(process.cwd(), process.argv[1] ?? "tests/bench/emulator.bench.ts");
  console.log(`command: node ${[...process.execArgv, script].join(" ")}`);
  const cpus = os.cpus();
  console.log(`machine: node ${process.version}, ${cpus[0]?.model ?? "unknown cpu"}, ${cpus.length} cores, ${mib(os.totalmem())} MiB RAM`);
  console.log(`gc: ${GC.how}`);
}

async function main(): Promise<void> {
  const t0 = performance.now();
  printPreamble();
  const atStart = await settledMemory();
  // Demo first: the scale emulator's freed heap takes a while to go back to the OS, which would swamp the
  // range read's RSS delta; demo's own residue is small and shows as the first row of the scale table.
  await benchRangeRead();
  await benchScale(atStart);
  const rusage = process.resourceUsage();
  const totalS = (performance.now() - t0) / 1000;
  // maxRSS is in KiB: the process-wide high-water mark, including moments the samplers missed.
  console.log(`\ntotal ${totalS.toFixed(1)} s; process max RSS ${mib(rusage.maxRSS * 1024)} MiB`);
}

main().catch((e: unknown) => {
  console.error("bench failed:", e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
