/**
 * Heatmap UI benchmark: how fast the pool heatmap appears and how smooth it stays under the pointer and
 * the wheel, in a real chromium against the built dashboard and the emulator's `scale` scenario (pool
 * "scale-pool": 2,000 nodes, 200,000 tasks over 24 h). A benchmark, not a test: nothing in vitest's or
 * Playwright's include lists matches it, and its only checks are the sanity checks that make the numbers
 * meaningful.
 *
 * Run (after a production build of this tree):
 *   NEXT_TELEMETRY_DISABLED=1 npx next build && npx tsx tests/bench/heatmap-ui.bench.ts [--latency]
 * `--latency` measures only navigation → painted 24 h heatmap, cold then warm, with every Batch call slowed
 * by the emulator's latency profile (100 ms a call, 0.5 ms an item), with the page's timeline (document,
 * scripts, hydration, long tasks) and its /api requests against the paint: which it waited for
 * (support/heatmap-ui-latency.ts).
 *
 * What is measured, and how:
 * 1. Navigation → heatmap painted: the page sets `performance.mark("heatmap-painted")` after the first draw
 *    of the canvas with rows and a measured width (components/heatmap/heatmap-canvas.tsx). A mark's
 *    startTime is relative to the navigation's timeOrigin, so it is read as is. Each load uses a fresh
 *    browser context (empty HTTP cache), so "cold" and "warm" differ only in the dashboard's 5 s read
 *    cache (lib/batch/read.ts READ_TTL_MS): cold loads are ≥ 6 s after anything that read the same pool,
 *    the warm load starts as soon as the cold one has painted. The heatmap JSON size is taken from the
 *    response (Content-Length/-Encoding headers and the decoded body) and from Resource Timing.
 * 2. Frame intervals: a requestAnimationFrame loop in the page records timestamps while Playwright moves
 *    the mouse diagonally across the canvas (200 steps), while it turns the wheel over the grid through all
 *    2,000 rows, and while the page itself sets scrollTop once per frame top to bottom. The idle row is the
 *    same loop with no input: the floor every other row is compared against.
 * 3. Synthetic draw cost at 5,000 × 120: components/heatmap/draw.ts (with scale.ts) is bundled with esbuild
 *    (already in node_modules as tsx's dependency) and loaded into a blank page; it draws a synthetic matrix
 *    whose share of non-empty cells and max count are copied from the real 24 h response. Reported per call
 *    (JS only), per call plus a 1-pixel getImageData (forces the canvas to rasterise), and as frame
 *    intervals when drawing once per frame while sweeping scrollTop. This is the drawing code only: the
 *    React side (labels, virtualizer, tooltip) at 5,000 rows is NOT covered by these rows; it is measured
 *    at 2,000 rows in 2.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Response } from "@playwright/test";
import { startEmulator, type Emulator } from "../../lib/emulator/server";
import { startDashboard, type Dashboard } from "../support/servers";
import { newContext, startRecording, stopRecording } from "./support/heatmap-ui-frames";
import { runLatency } from "./support/heatmap-ui-latency";
import { formatReport, type InteractionResult, type LoadResult } from "./support/heatmap-ui-report";
import { bundleDrawCode, synthetic } from "./support/heatmap-synthetic";

const COMMAND = "npx tsx tests/bench/heatmap-ui.bench.ts";
const ACCOUNT = "scale";
const POOL = "scale-pool";
/** As playwright.config.ts. */
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const PAINT_TIMEOUT_MS = 180_000;
const CACHE_EXPIRY_WAIT_MS = 6_000;
const HOVER_STEPS = 200;
const WHEEL_STEPS = 200;
const SCROLL_FRAMES = 200;

// ---------------------------------------------------------------------------------------------- 1. load

const isHeatmapApi = (url: string) => new URL(url).pathname === `/api/accounts/${ACCOUNT}/pools/${POOL}/heatmap`;

async function loadOnce(browser: Browser, base: string, window: string, label: string, keepBody = false): Promise<LoadResult> {
  const context = await newContext(browser);
  const page = await context.newPage();
  const responses: Promise<Partial<LoadResult>>[] = [];
  page.on("response", (r: Response) => {
    if (!isHeatmapApi(r.url())) return;
    responses.push(
      (async () => {
        const h = await r.allHeaders();
        const body = await r.body().catch(() => undefined);
        return {
          contentLength: h["content-length"] !== undefined ? Number(h["content-length"]) : undefined,
          contentEncoding: h["content-encoding"] ?? "identity",
          bodyBytes: body?.length,
          ...(keepBody && body ? { body } : {}),
        };
      })(),
    );
  });
  try {
    await page.goto(`${base}/${ACCOUNT}/pools/${POOL}?window=${window}`, { waitUntil: "commit" });
    await page.waitForFunction(() => performance.getEntriesByName("heatmap-painted").length > 0, undefined, { timeout: PAINT_TIMEOUT_MS, polling: 50 });
    const timing = await page.evaluate((pathname) => {
      const mark = performance.getEntriesByName("heatmap-painted")[0]!;
      const res = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).find((e) => new URL(e.name).pathname === pathname);
      return {
        paintedMs: mark.startTime,
        ...(res
          ? {
              fetchStartMs: res.startTime,
              responseEndMs: res.responseEnd,
              serverMs: res.responseStart - res.requestStart,
              encodedBytes: res.encodedBodySize,
              decodedBytes: res.decodedBodySize,
            }
          : {}),
      };
    }, `/api/accounts/${ACCOUNT}/pools/${POOL}/heatmap`);
    const rs = await Promise.all(responses);
    if (rs.length !== 1) console.warn(`  note: ${label} saw ${rs.length} heatmap API responses`);
    return { label, ...timing, ...(rs[0] ?? {}) };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------- 2. interaction

async function interact(browser: Browser, base: string): Promise<InteractionResult> {
  const context = await newContext(browser);
  const page = await context.newPage();
  try {
    await page.goto(`${base}/${ACCOUNT}/pools/${POOL}?window=24h`);
    await page.waitForFunction(() => performance.getEntriesByName("heatmap-painted").length > 0, undefined, { timeout: PAINT_TIMEOUT_MS });
    const canvas = page.getByTestId("heatmap-canvas");
    await canvas.scrollIntoViewIfNeeded();
    // Let the queries of the rest of the page settle so they do not land in the recordings.
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(500);
    const box = (await canvas.boundingBox())!;

    await startRecording(page);
    await page.waitForTimeout(1_000);
    const idle = await stopRecording(page);

    // Hover: a diagonal across the whole canvas, every step a mousemove → hit test → re-render → redraw.
    await page.mouse.move(box.x + 1, box.y + 1);
    await startRecording(page);
    await page.mouse.move(box.x + box.width - 2, box.y + box.height - 2, { steps: HOVER_STEPS });
    const hover = await stopRecording(page);
    const hoverTooltip = await page.getByTestId("heatmap-tooltip").isVisible();

    // The grid's scroll container: the canvas's nearest scrollable ancestor.
    const scroller = await canvas.evaluateHandle((el) => {
      let e: HTMLElement | null = el.parentElement;
      while (e && !(e.scrollHeight > e.clientHeight && getComputedStyle(e).overflowY === "auto")) e = e.parentElement;
      if (!e) throw new Error("no scroll container around the heatmap canvas");
      return e;
    });
    const scrollMax = await scroller.evaluate((e) => e.scrollHeight - e.clientHeight);

    // Wheel: real input over the grid, through all rows (delta per step = the whole range / steps).
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await startRecording(page);
    const delta = Math.ceil(scrollMax / WHEEL_STEPS);
    for (let i = 0; i < WHEEL_STEPS; i++) await page.mouse.wheel(0, delta);
    await page.waitForFunction((el) => el.scrollTop >= el.scrollHeight - el.clientHeight - 1, scroller, { timeout: 10_000 }).catch(() => undefined);
    const wheel = await stopRecording(page);
    const wheelScrolled = await scroller.evaluate((e) => e.scrollTop);

    // Programmatic: scrollTop back to the top, then top → bottom, one step per frame.
    await scroller.evaluate((e) => (e.scrollTop = 0));
    await page.mouse.move(0, 0);
    await page.waitForTimeout(300);
    await startRecording(page);
    await scroller.evaluate(async (e, frames) => {
      const max = e.scrollHeight - e.clientHeight;
      for (let i = 1; i <= frames; i++) {
        e.scrollTop = Math.round((max * i) / frames);
        await new Promise((r) => requestAnimationFrame(r));
      }
    }, SCROLL_FRAMES);
    const scroll = await stopRecording(page);
    const rowsInDom = await page.getByTestId("heatmap-row").count();
    return { idle, hover, hoverTooltip, wheel, wheelScrolled, scroll, scrollMax, rowsInDom, canvas: { width: box.width, height: box.height } };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------- main

async function main(): Promise<void> {
  const started = Date.now();
  const load0 = os.loadavg();
  let emu: Emulator | undefined;
  let dashboard: Dashboard | undefined;
  let browser: Browser | undefined;
  try {
    const t0 = performance.now();
    emu = await startEmulator({ scenario: "scale", seed: 1, account: ACCOUNT });
    const emuMs = performance.now() - t0;
    const store = join(mkdtempSync(join(os.tmpdir(), "batchscope-bench-")), "audit.sqlite");
    dashboard = await startDashboard({ BATCH_ACCOUNT_NAME: emu.account, BATCH_ACCOUNT_URL: emu.url, BATCH_ACCOUNT_KEY: emu.key, BATCHSCOPE_AUDIT_DB: store });
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
    const version = browser.version();
    console.error(`emulator up in ${(emuMs / 1000).toFixed(1)} s, dashboard at ${dashboard.url}, chromium ${version}`);
    const env = { BATCH_ACCOUNT_NAME: emu.account, BATCH_ACCOUNT_URL: emu.url, BATCH_ACCOUNT_KEY: emu.key };
    const another = () => startDashboard({ ...env, BATCHSCOPE_AUDIT_DB: join(mkdtempSync(join(os.tmpdir(), "batchscope-bench-")), "audit.sqlite") });
    if (process.argv.includes("--latency")) return await runLatency(browser, emu, dashboard.url, { account: ACCOUNT, pool: POOL }, another);

    // 1. Loads. 24 h cold, then warm right away; wait out the read cache; 1 h cold, then warm.
    const loads: LoadResult[] = [];
    loads.push(await loadOnce(browser, dashboard.url, "24h", "24h cold", true));
    loads.push(await loadOnce(browser, dashboard.url, "24h", "24h warm"));
    await new Promise((r) => setTimeout(r, CACHE_EXPIRY_WAIT_MS));
    loads.push(await loadOnce(browser, dashboard.url, "1h", "1h cold"));
    loads.push(await loadOnce(browser, dashboard.url, "1h", "1h warm"));
    console.error("loads done");

    // The real 24 h matrix gives the synthetic one its density and range.
    const real = JSON.parse(loads[0]!.body!.toString("utf8")) as { rows: unknown[]; edges: number[]; counts: number[]; maxCell: number; categories: string[] };
    const realCols = real.edges.length - 1;
    const nonEmpty = real.counts.filter((n) => n > 0).length;
    const density = nonEmpty / real.counts.length;
    if (real.rows.length !== 2000) throw new Error(`expected 2,000 rows in scale-pool's heatmap, got ${real.rows.length}`);

    // 2. Interaction on the 24 h heatmap (cache warm or not does not matter once painted).
    const ui = await interact(browser, dashboard.url);
    console.error("interaction done");

    // 3. Synthetic draw.
    const code = await bundleDrawCode();
    const categories = real.categories.length ? real.categories : ["Application"];
    const synth = await synthetic(browser, code, Math.floor(ui.canvas.width), Math.floor(ui.canvas.height), density, Math.max(1, real.maxCell), categories, [
      { rows: 2000, cols: 60, metric: "failures", dpr: 1 },
      { rows: 2000, cols: 120, metric: "failures", dpr: 1 },
      { rows: 5000, cols: 120, metric: "failures", dpr: 1 },
      { rows: 5000, cols: 120, metric: "category", dpr: 1 },
      { rows: 5000, cols: 120, metric: "failures", dpr: 2 },
    ]);
    const load1 = os.loadavg();

    const setup = { command: COMMAND, chromiumArgs: CHROMIUM_ARGS, pool: POOL, hoverSteps: HOVER_STEPS, wheelSteps: WHEEL_STEPS, scrollFrames: SCROLL_FRAMES };
    const out = formatReport({ setup, started, load0, load1, version, emuMs, real, loads, ui, synth, density, nonEmpty, realCols });
    console.log(out.join("\n"));
  } finally {
    await browser?.close().catch(() => undefined);
    await dashboard?.stop().catch(() => undefined);
    await emu?.close().catch(() => undefined);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
