/**
 * Heatmap benchmark: what one pool heatmap costs the Batch account, ours (lib/batch/heatmap-reads.ts: $filter,
 * $select, 5 s per-account cache) against the naive way (every task of every job, all fields, aggregated
 * by the client, as Batch Explorer's graphs read tasks). A benchmark, not a test: nothing in vitest's
 * include list matches it, and its only assertions are the sanity checks that make the numbers meaningful.
 *
 * Run:
 *   node --conditions=react-server --expose-gc --import tsx tests/bench/heatmap.bench.ts [--first-only]
 * The second part (support/heatmap-first-bench.ts) slows every Batch call by 100 ms (and then also 0.5 ms
 * per item returned) and compares the failures-first answers with their floor; --first-only runs only it and the last part.
 * The last part completes every job and measures the full answer with an empty store and after a restart;
 * --restart-only runs only it.
 * `--conditions=react-server` makes `server-only` resolve to its empty module (it throws otherwise, outside
 * Next's server layer); `--expose-gc` lets each measurement start from a collected heap.
 *
 * Where the numbers come from:
 * - Batch calls: the emulator's own request counter (GET /__emulator/stats), reset before each measurement.
 * - Bytes: seen at the emulator's side of its sockets, through Node's diagnostics channels (no patching, no
 *   proxy): "body" is the sum of the Content-Length of the Batch responses, "wire" the bytes the emulator
 *   wrote to its sockets (status line and headers included). The emulator does not compress, so body bytes
 *   are what an uncompressed Batch response would carry.
 * - Time: wall clock around the call, plus the process's CPU time. The emulator runs in this process (the
 *   design's in-process scale scenario), so both include the server's work of filtering and serialising.
 *
 * Rounds are interleaved (ours cold/warm, then naive, per round) so that background load on the machine
 * hits both approaches alike; the tables show medians over the rounds.
 */
import os from "node:os";
import path from "node:path";
import type { BatchServiceClient } from "@azure/batch";
import { findAccount, type BatchAccount } from "../../lib/batch/accounts";
import { accountClient } from "../../lib/batch/client";
import { heatmap } from "../../lib/batch/heatmap-reads";
import { READ_TTL_MS } from "../../lib/batch/read";
import type { Scope } from "../../lib/batch/scope-tasks";
import { startEmulator, type Emulator } from "../../lib/emulator/server";
import type { HeatmapResponse } from "../../lib/schemas/failures";
import { EmulatorMeter, measure, type Cost } from "./support/heatmap-cost";
import { runAfterRestart, runFailuresFirst } from "./support/heatmap-first-bench";
import { assertSameFailures, naiveClient, naiveHeatmapCounts } from "./support/heatmap-naive";

const ACCOUNT = "bench";
const POOL_ID = "scale-pool";
const SCOPE: Scope = { kind: "pool", poolId: POOL_ID };
const BUCKETS = 60;
const WINDOWS = ["1h", "24h"] as const;
type WindowName = (typeof WINDOWS)[number];
/** Three rounds fit the ~3 minute budget on a 2-core machine and give a median that shrugs off one outlier. */
const ROUNDS = 3;
const MiB = 1 << 20;

// ---------------------------------------------------------------------------------------------- ours

/** The account as the dashboard finds it: from BATCH_ACCOUNT_* configuration, pointing at the emulator. */
async function configuredAccount(emu: Emulator): Promise<BatchAccount> {
  process.env.BATCH_ACCOUNT_NAME = ACCOUNT;
  process.env.BATCH_ACCOUNT_URL = emu.url;
  process.env.BATCH_ACCOUNT_KEY = emu.key;
  const account = await findAccount(ACCOUNT);
  if (!account) throw new Error(`findAccount(${ACCOUNT}) found nothing: the BATCH_ACCOUNT_* configuration was not picked up`);
  return account;
}

/** Empties the account's read cache (tasks and node states), as after the TTL, without waiting it out. */
function dropCache(account: BatchAccount): void {
  accountClient(account).cache.invalidate(`${account.name}|`);
}

interface OursRound {
  cold: Cost;
  warm: Cost;
  response: HeatmapResponse;
}

async function oursRound(emu: Emulator, meter: EmulatorMeter, account: BatchAccount, window: WindowName): Promise<OursRound> {
  dropCache(account);
  const call = () => heatmap(account, SCOPE, { window }, BUCKETS);
  const cold = await measure(emu, meter, call);
  const warm = await measure(emu, meter, call);
  // A warm row that called Batch would be a second cold row: the cache, not the bench, is then broken.
  if (warm.cost.calls !== 0) throw new Error(`warm ${window} heatmap made ${warm.cost.calls} Batch calls within the ${READ_TTL_MS} ms TTL`);
  if (cold.cost.calls === 0) throw new Error(`cold ${window} heatmap made no Batch calls: the cache was not emptied`);
  return { cold: cold.cost, warm: warm.cost, response: cold.value };
}

// ---------------------------------------------------------------------------------------------- formatting

const mib = (bytes: number) => (bytes / MiB).toFixed(bytes < MiB ? 3 : 1);
const ms = (n: number) => n.toFixed(n < 100 ? 1 : 0);
const int = (n: number) => n.toLocaleString("en-US");
const ratio = (a: number, b: number) => (b === 0 ? (a === 0 ? "–" : "∞ (0 calls)") : `${(a / b).toFixed(a / b < 10 ? 2 : 1)}×`);

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The median run of a row: calls and bytes should not vary between rounds, times do. */
function summarize(costs: readonly Cost[]): Cost & { wallMin: number; wallMax: number } {
  const pick = (f: (c: Cost) => number) => median(costs.map(f));
  const walls = costs.map((c) => c.wallMs);
  return {
    calls: pick((c) => c.calls),
    routes: costs.at(-1)!.routes,
    body: pick((c) => c.body),
    wire: pick((c) => c.wire),
    wallMs: pick((c) => c.wallMs),
    cpuMs: pick((c) => c.cpuMs),
    wallMin: Math.min(...walls),
    wallMax: Math.max(...walls),
  };
}

function printTable(title: string, header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
}

function printPreamble(): void {
  const script = path.relative(process.cwd(), process.argv[1] ?? "tests/bench/heatmap.bench.ts");
  console.log(`command: node ${[...process.execArgv, script].join(" ")}`);
  const cpus = os.cpus();
  console.log(
    `machine: node ${process.version}, ${cpus[0]?.model ?? "unknown cpu"}, ${cpus.length} cores, ${os.platform()} ${os.release()}, load avg ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  console.log(
    `gc: ${gc ? "exposed: every measurement starts after a full GC" : "NOT exposed (run with --expose-gc): a run may pay for the previous one's garbage"}`,
  );
}

// ---------------------------------------------------------------------------------------------- main

interface Rows {
  cold: Record<WindowName, Cost[]>;
  warm: Record<WindowName, Cost[]>;
  naive: Cost[];
  naiveTasks: number;
  checked: string[];
}

/** One round: both windows cold then warm, then the naive read checked against this round's answers. */
async function round(emu: Emulator, meter: EmulatorMeter, account: BatchAccount, naive: BatchServiceClient, rows: Rows, n: number): Promise<void> {
  const responses = {} as Record<WindowName, HeatmapResponse>;
  for (const w of WINDOWS) {
    const r = await oursRound(emu, meter, account, w);
    rows.cold[w].push(r.cold);
    rows.warm[w].push(r.warm);
    responses[w] = r.response;
  }
  // The naive read uses ours' exact windows (service-clock bounds), so the counts are comparable task for task.
  const { value, cost } = await measure(emu, meter, () =>
    naiveHeatmapCounts(
      naive,
      POOL_ID,
      WINDOWS.map((w) => responses[w].window),
    ),
  );
  rows.naive.push(cost);
  rows.naiveTasks = value.tasksRead;
  WINDOWS.forEach((w, i) => assertSameFailures(`round ${n}, ${w}`, responses[w], value.tallies[i]!));
  rows.checked = WINDOWS.map((w) => `${w}: ${int(responses[w].totals.failures)} failed tasks on ${int(responses[w].totals.nodesWithFailures)} nodes`);
  console.log(
    `round ${n}/${ROUNDS} done: ours 24h cold ${ms(rows.cold["24h"].at(-1)!.wallMs)} ms, naive ${ms(cost.wallMs)} ms; per-node failures agree (${rows.checked.join("; ")})`,
  );
}

function printResults(rows: Rows): void {
  const line = (name: string, c: ReturnType<typeof summarize>) => [
    name,
    int(c.calls),
    mib(c.body),
    mib(c.wire),
    ms(c.wallMs),
    `${ms(c.wallMin)}–${ms(c.wallMax)}`,
    ms(c.cpuMs),
    c.routes || "(none)",
  ];
  const s = {
    cold1: summarize(rows.cold["1h"]),
    warm1: summarize(rows.warm["1h"]),
    cold24: summarize(rows.cold["24h"]),
    warm24: summarize(rows.warm["24h"]),
    naive: summarize(rows.naive),
  };
  printTable(
    `1. pool heatmap of ${POOL_ID}, ${BUCKETS} buckets: Batch calls and bytes seen by the emulator, time in this process (median of ${ROUNDS} rounds)`,
    ["approach", "calls", "body MiB", "wire MiB", "wall ms", "wall min–max", "cpu ms", "calls by list"],
    [
      line("ours cold 1h  (empty cache)", s.cold1),
      line("ours warm 1h  (again, within TTL)", s.warm1),
      line("ours cold 24h (empty cache)", s.cold24),
      line("ours warm 24h (again, within TTL)", s.warm24),
      line(`naive (${int(rows.naiveTasks)} tasks, all fields, no node list)`, s.naive),
    ],
  );
  const ratios = (name: string, o: Cost) => [
    name,
    ratio(s.naive.calls, o.calls),
    ratio(s.naive.body, o.body),
    ratio(s.naive.wire, o.wire),
    ratio(s.naive.wallMs, o.wallMs),
    ratio(s.naive.cpuMs, o.cpuMs),
  ];
  printTable(
    "2. naive ÷ ours (higher means ours is cheaper); the naive read answers both windows in one pass, so it is one row",
    ["compared with", "calls", "body bytes", "wire bytes", "wall time", "cpu time"],
    [ratios("ours cold 1h", s.cold1), ratios("ours cold 24h", s.cold24), ratios("ours warm 1h", s.warm1), ratios("ours warm 24h", s.warm24)],
  );
  console.log(`\n3. agreement (checked every round, per node, same windows): ${rows.checked.join("; ")} — ours and naive equal`);
}

async function main(): Promise<void> {
  const t0 = performance.now();
  printPreamble();
  const emu = await startEmulator({ scenario: "scale", seed: 1, account: ACCOUNT });
  console.log(`emulator: scenario scale, seed 1, ${emu.url}, started in ${ms(performance.now() - t0)} ms (in this process)`);
  try {
    const meter = new EmulatorMeter(Number(new URL(emu.url).port));
    const account = await configuredAccount(emu);
    const naive = naiveClient(account);
    // Untimed warm-up of both paths (one job for the naive one): "cold" means an empty cache, not a cold JIT
    // or an unopened connection, which would bill whichever row happened to run first.
    await heatmap(account, SCOPE, { window: "1h" }, BUCKETS);
    await naiveHeatmapCounts(naive, POOL_ID, [], 1);
    if (!process.argv.includes("--first-only") && !process.argv.includes("--restart-only")) {
      const rows: Rows = { cold: { "1h": [], "24h": [] }, warm: { "1h": [], "24h": [] }, naive: [], naiveTasks: 0, checked: [] };
      for (let n = 1; n <= ROUNDS; n++) await round(emu, meter, account, naive, rows, n);
      printResults(rows);
    }
    if (!process.argv.includes("--restart-only")) await runFailuresFirst(emu, meter, account, SCOPE, BUCKETS);
    // Last: it completes every job of the pool, which the rows above must not see.
    await runAfterRestart(emu, meter, account, SCOPE, BUCKETS);
  } finally {
    await emu.close();
  }
  console.log(
    `\ntotal ${((performance.now() - t0) / 1000).toFixed(1)} s; load avg at end ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
}

main().catch((e: unknown) => {
  console.error("bench failed:", e instanceof Error ? `${e.stack ?? e.message}${e.cause ? `\ncause: ${String((e.cause as Error).stack ?? e.cause)}` : ""}` : e);
  process.exitCode = 1;
});
