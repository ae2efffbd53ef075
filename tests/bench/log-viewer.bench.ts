/**
 * Log viewer benchmark: how fast a huge log appears, how fast a deep #L link opens (with the server's line
 * index cold and warm), and how much JS heap the page holds as the operator scrolls back through it, in a
 * real chromium against the built dashboard and the emulator's `demo` scenario (render-frames /
 * frame-encode-all: a 1 GiB ANSI stdout.txt and a 150 MiB stderr.txt, generated on read). A benchmark, not
 * a test: nothing in vitest's or Playwright's include lists matches it, and its only checks are the sanity
 * checks that make the numbers meaningful.
 *
 * Run (after a production build of this tree):
 *   NEXT_TELEMETRY_DISABLED=1 npx next build && npx tsx tests/bench/log-viewer.bench.ts
 *
 * What is measured, and how:
 * 1. Navigation → first lines on screen (stdout.txt, 1 GiB): an init script runs a requestAnimationFrame
 *    loop in the page from the start of the document and notes performance.now() (relative to the
 *    navigation's timeOrigin) in the first frame where a log row ([data-testid=log-lines] [data-index])
 *    with text intersects the scroll container's box. No component change. Bytes fetched before that:
 *    the file API responses (page.on("response") bodies), ordered against the first-row time by their
 *    Resource Timing responseEnd. Each load uses a fresh browser context.
 * 2. #L1000001 in stderr.txt (150 MiB, line 1,000,001 starts at 122 MiB): the same rAF probe, waiting for
 *    the row [data-line="1000001"][data-selected] on screen. Cold = first request for that file since the
 *    dashboard started (its in-memory line index is empty, so the server reads the file in 4 MiB ranges up
 *    to the line); warm = the same link in a fresh browser context right after. Server-side reads are the
 *    emulator's own request counts (GET /__emulator/stats, diffed) and the bytes it served, summed from
 *    each response's Content-Length on Node's `http.server.response.finish` diagnostics channel (the
 *    emulator runs in this process; the dashboard is a child process and is not observed this way).
 * 3. JS heap: CDP HeapProfiler.collectGarbage, then Performance.getMetrics (JSHeapUsedSize, Nodes), after
 *    the 1 GiB file has opened (tail, one 256 KiB chunk) and again after scrolling up through 20 chunks
 *    (20 × 256 KiB = 5 MiB, more than the 4 MiB / 16-chunk window). The page sets scrollTop = 0, waits for
 *    the status line's data-start to move down, and repeats; chunks held = (data-end − data-start) / 256 KiB.
 */
import { chromium, type Browser, type Page, type Response } from "@playwright/test";
import { startStack, type Stack } from "../support/stack";
import { emuStats, fileDelta, heap, newContext, served, status, uptime } from "./support/log-viewer-probes";
import { formatReport, type DeepResult, type OpenResult, type Read } from "./support/log-viewer-report";

const COMMAND = "npx tsx tests/bench/log-viewer.bench.ts";
const ACCOUNT = "demo";
const JOB = "render-frames";
const TASK = "frame-encode-all";
const DEEP_LINE = 1_000_001;
const CHUNK = 256 * 1024;
const SCROLL_CHUNKS = 20;
/** As playwright.config.ts. */
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const FIRST_ROW = "[data-testid=log-lines] [data-index]";
const DEEP_ROW = `[data-testid=log-lines] [data-line="${DEEP_LINE}"][data-selected]`;

// ---------------------------------------------------------------------------------------------- page helpers

/** The file API responses the page receives, with their body sizes. */
function recordFileApi(page: Page, file: string): { reads: Read[]; pending: Promise<void>[] } {
  const prefix = `/api/accounts/${ACCOUNT}/jobs/${JOB}/tasks/${TASK}/files`;
  const reads: Read[] = [];
  const pending: Promise<void>[] = [];
  page.on("response", (res: Response) => {
    const u = new URL(res.url());
    if (!u.pathname.startsWith(prefix)) return;
    const kind: Read["kind"] =
      u.pathname === prefix ? "list" : u.searchParams.has("properties") ? "properties" : u.searchParams.has("line") ? "line" : "content";
    if (kind !== "list" && !u.pathname.endsWith(`/${file}`)) return;
    pending.push(
      res.body().then(
        (b) => void reads.push({ url: res.url(), kind, bytes: b.length }),
        () => undefined,
      ),
    );
  });
  return { reads, pending };
}

const fileUrl = (base: string, file: string) => `${base}/${ACCOUNT}/jobs/${JOB}/tasks/${TASK}/files/${file}`;

// ---------------------------------------------------------------------------------------------- 1 + 3. open the 1 GiB file, scroll up

async function openBig(browser: Browser, base: string): Promise<OpenResult> {
  const context = await newContext(browser, FIRST_ROW);
  const page = await context.newPage();
  try {
    const { reads, pending } = recordFileApi(page, "stdout.txt");
    await page.goto(fileUrl(base, "stdout.txt"), { waitUntil: "commit" });
    await page.waitForFunction(() => (window as unknown as { __shown?: number }).__shown !== undefined, undefined, { timeout: 60_000, polling: 50 });
    const { shownMs, before } = await page.evaluate(() => {
      const shown = (window as unknown as { __shown: number }).__shown;
      const res = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).filter((e) => new URL(e.name).pathname.includes("/files"));
      return { shownMs: shown, before: res.filter((e) => e.responseEnd <= shown).map((e) => ({ url: e.name, decoded: e.decodedBodySize })) };
    });
    await page.waitForTimeout(1_000);
    await Promise.all(pending);
    const beforeUrls = new Set(before.map((b) => b.url));
    const pre = reads.filter((r) => beforeUrls.has(r.url));
    const beforeShown = {
      count: pre.length,
      bytes: pre.reduce((n, r) => n + r.bytes, 0),
      content: pre.filter((r) => r.kind === "content").reduce((n, r) => n + r.bytes, 0),
    };

    const statusOpen = await status(page);
    const rowsOpen = await page.locator(FIRST_ROW).count();
    const heapOpen = await heap(page);

    // Scroll up through SCROLL_CHUNKS earlier chunks, one at a time.
    const lines = page.getByTestId("log-lines");
    const scrollMs: number[] = [];
    for (let i = 0; i < SCROLL_CHUNKS; i++) {
      const from = (await status(page)).start;
      const t0 = performance.now();
      for (let attempt = 0; ; attempt++) {
        // A scroll event needs a change: from the top already, step down one frame first.
        await lines.evaluate(async (el) => {
          if (el.scrollTop === 0) {
            el.scrollTop = 40;
            await new Promise((r) => requestAnimationFrame(r));
          }
          el.scrollTop = 0;
        });
        const moved = await page
          .waitForFunction((f) => Number(document.querySelector("[data-testid=log-status]")?.getAttribute("data-start")) < f, from, {
            timeout: 3_000,
            polling: 20,
          })
          .then(() => true)
          .catch(() => false);
        if (moved) break;
        if (attempt >= 5) throw new Error(`chunk ${i + 1}: the window did not move up from byte ${from}`);
      }
      scrollMs.push(performance.now() - t0);
      // Let the anchor restore and the render settle before the next step.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    }
    await page.waitForTimeout(500);
    await Promise.all(pending);
    const statusScrolled = await status(page);
    const rowsScrolled = await page.locator(FIRST_ROW).count();
    const heapScrolled = await heap(page);
    const maxRead = Math.max(...reads.filter((r) => r.kind === "content").map((r) => r.bytes));
    return { shownMs, beforeShown, allReads: reads, heapOpen, statusOpen, rowsOpen, scrollMs, heapScrolled, statusScrolled, rowsScrolled, maxRead };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------- 2. deep line link

async function openDeep(browser: Browser, stack: Stack, label: string): Promise<DeepResult> {
  const context = await newContext(browser, DEEP_ROW);
  const page = await context.newPage();
  try {
    const { reads, pending } = recordFileApi(page, "stderr.txt");
    const statsBefore = await emuStats(stack);
    const servedBefore = new Map(served);
    await page.goto(`${fileUrl(stack.dashboard.url, "stderr.txt")}#L${DEEP_LINE}`, { waitUntil: "commit" });
    await page.waitForFunction(() => (window as unknown as { __shown?: number }).__shown !== undefined, undefined, { timeout: 180_000, polling: 50 });
    const { shownMs, lineApiMs } = await page.evaluate(() => {
      const line = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).find((e) => new URL(e.name).searchParams.has("line"));
      return { shownMs: (window as unknown as { __shown: number }).__shown, lineApiMs: line ? line.responseEnd - line.startTime : undefined };
    });
    // Stop the page before reading the counters, so follow polls and later reads stay out of them.
    await page.goto("about:blank");
    await Promise.all(pending);
    const statsAfter = await emuStats(stack);
    return {
      label,
      shownMs,
      ...(lineApiMs !== undefined ? { lineApiMs } : {}),
      pageBytes: reads.reduce((n, r) => n + r.bytes, 0),
      pageReads: reads.length,
      emu: fileDelta(statsBefore, statsAfter, servedBefore, "stderr.txt"),
    };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------- main

async function main(): Promise<void> {
  const started = Date.now();
  const up0 = uptime();
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  try {
    stack = await startStack({ scenario: "demo", account: ACCOUNT });
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
    const version = browser.version();
    console.error(`dashboard at ${stack.dashboard.url}, chromium ${version}`);

    // The deep link first, so "cold" really is the first request for stderr.txt since the dashboard started.
    const cold = await openDeep(browser, stack, "cold (index built)");
    const warm = await openDeep(browser, stack, "warm (index cached)");
    console.error("deep links done");
    const big = await openBig(browser, stack.dashboard.url);
    console.error("1 GiB open and scroll done");
    const up1 = uptime();

    const setup = { command: COMMAND, job: JOB, task: TASK, deepLine: DEEP_LINE, chunk: CHUNK, scrollChunks: SCROLL_CHUNKS, chromiumArgs: CHROMIUM_ARGS };
    const out = formatReport({ setup, version, up0, up1, started, big, cold, warm });
    console.log(out.join("\n"));
  } finally {
    await browser?.close().catch(() => undefined);
    await stack?.stop().catch(() => undefined);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
