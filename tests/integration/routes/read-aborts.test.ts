import { describe, expect, it } from "vitest";
import { GET as taskFileGET } from "@/app/api/accounts/[account]/jobs/[jobId]/tasks/[taskId]/files/[...path]/route";
import { READS_PER_ACCOUNT } from "@/lib/batch/client";
import { SCAN_CHUNK_BYTES, SLOTS_KEPT_FREE } from "@/lib/batch/files";
import { emulatorPerSuite } from "./support";

// A long read stops when the user leaves: a line-index build or a search over a 64 MiB log asks Batch for
// no further range once the request is aborted, and the emulator's request count shows it.
const env = emulatorPerSuite({ scenario: "demo", account: "read-aborts" });
const JOB = "etl-nightly";
const TASK = "shard-0050";
const SIZE = 64 * 1024 * 1024;
const RANGES = SIZE / SCAN_CHUNK_BYTES;
/** Ranges a long read may have sent before the abort that reach the emulator after it is counted. */
const MAX_IN_FLIGHT = READS_PER_ACCOUNT - SLOTS_KEPT_FREE;

const fileParams = (path: string) => ({ account: env.account, jobId: JOB, taskId: TASK, path: path.split("/") });
const fileUrl = (path: string, query: string) => new URL(`/api/accounts/${env.account}/jobs/${JOB}/tasks/${TASK}/files/${path}?${query}`, "http://localhost");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function attach(path: string) {
  await env.control("POST", `/jobs/${JOB}/tasks/${TASK}/files`, { path, size: SIZE, style: "app", seed: 9 });
}

/** Range reads (GETs) of one file the emulator has received since the last reset. */
async function rangeReads(path: string): Promise<number> {
  const { byRoute } = await env.stats();
  return byRoute[`GET /jobs/${JOB}/tasks/${TASK}/files/${encodeURIComponent(path)}`] ?? 0;
}

/** Sends the request, waits until its first range read reached Batch, then leaves; returns the reads by then. */
async function leaveAfterFirstRange(path: string, query: string): Promise<{ settled: Promise<unknown>; readsAtAbort: number }> {
  await env.resetStats();
  const leave = new AbortController();
  // Held until after the abort: a Request follows its init signal only while it is alive (undici), and the
  // route keeps just its signal.
  const request = new Request(fileUrl(path, query), { signal: leave.signal });
  const settled = taskFileGET(request, { params: Promise.resolve(fileParams(path)) }).then(async (res) => {
    // A search answers at once and reads as its stream is pulled: pull it, as a browser does, until cut off.
    const reader = res.body?.getReader();
    if (reader) for (let next = await reader.read().catch(() => ({ done: true })); !next.done; next = await reader.read().catch(() => ({ done: true })));
  });
  while ((await rangeReads(path)) < 1) await sleep(10);
  leave.abort();
  expect(request.signal.aborted).toBe(true);
  return { settled: settled.catch(() => undefined), readsAtAbort: await rangeReads(path) };
}

async function expectReadsStopped(path: string, readsAtAbort: number) {
  await sleep(300);
  const afterSettling = await rangeReads(path);
  await sleep(1_500);
  // Only the ranges already on their way at the abort arrive after it (on a loaded machine they reach the
  // emulator one by one), and nothing at all later.
  expect(afterSettling).toBeLessThanOrEqual(readsAtAbort + MAX_IN_FLIGHT);
  expect(await rangeReads(path)).toBe(afterSettling);
  expect(afterSettling).toBeLessThan(RANGES);
}

describe("aborted long reads", () => {
  it("stops a line-index build when the only reader leaves", { timeout: 60_000 }, async () => {
    await attach("wd/index-abort.log");
    const { settled, readsAtAbort } = await leaveAfterFirstRange("wd/index-abort.log", "line=1000000000");
    await settled;
    await expectReadsStopped("wd/index-abort.log", readsAtAbort);
  });

  it("keeps building an index while another reader still waits for it", { timeout: 60_000 }, async () => {
    await attach("wd/index-shared.log");
    await env.resetStats();
    const staying = taskFileGET(new Request(fileUrl("wd/index-shared.log", "line=300000")), { params: Promise.resolve(fileParams("wd/index-shared.log")) });
    const { settled } = await leaveAfterFirstRange("wd/index-shared.log", "line=300000");
    await settled;
    const res = await staying;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { line: number }).line).toBe(300_000);
  });

  it("stops a search when its reader leaves", { timeout: 60_000 }, async () => {
    await attach("wd/search-abort.log");
    const { settled, readsAtAbort } = await leaveAfterFirstRange("wd/search-abort.log", "search=never-there-at-all");
    await settled;
    await expectReadsStopped("wd/search-abort.log", readsAtAbort);
  });
});
