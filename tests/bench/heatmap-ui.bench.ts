/**
 * Heatmap UI benchmark: how fast the pool heatmap appears and how smooth it stays under the pointer and
 * the wheel, in a real chromium against the built dashboard and the emulator's `scale` scenario (pool
 * "scale-pool": 2,000 nodes, 200,000 tasks over 24 h). A benchmark, not a test: nothing in vitest's or
 * Playwright's include lists matches it, and its only checks are the sanity checks that make the numbers
 * meaningful.
 *
 * Run (after a production build of this tree):
 *   NEXT_TELEMETRY_DISABLED=1 npx next build && npx tsx tests/bench/heatmap-ui.bench.ts
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
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { chromium, type Browser, type BrowserContext, type Page, type Response } from "@playwright/test";
import { startEmulator, type Emulator } from "../../lib/emulator/server";
import { startDashboard, type Dashboard } from "../support/servers";

const COMMAND = "npx tsx tests/bench/heatmap-ui.bench.ts";
const ACCOUNT = "scale";
const POOL = "scale-pool";
const VIEWPORT = { width: 1440, height: 900 };
/** As playwright.config.ts. */
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const PAINT_TIMEOUT_MS = 180_000;
const CACHE_EXPIRY_WAIT_MS = 6_000;
const HOVER_STEPS = 200;
const WHEEL_STEPS = 200;
const SCROLL_FRAMES = 200;
const SYNTH_FRAMES = 200;

// ---------------------------------------------------------------------------------------------- stats

interface FrameStats {
  frames: number;
  median: number;
  p95: number;
  max: number;
  over50: number;
  longTasks: number;
  longTaskMs: number;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

function frameStats(intervals: number[], longTasks: number[] = []): FrameStats {
  const s = [...intervals].sort((a, b) => a - b);
  return {
    frames: s.length,
    median: quantile(s, 0.5),
    p95: quantile(s, 0.95),
    max: s[s.length - 1] ?? NaN,
    over50: s.filter((x) => x > 50).length,
    longTasks: longTasks.length,
    longTaskMs: longTasks.reduce((a, b) => a + b, 0),
  };
}

const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : "–");
const kib = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? "–" : `${(x / 1024).toFixed(1)} KiB`);

// ---------------------------------------------------------------------------------------------- in-page frame recorder

/**
 * A browser context for one measurement. tsx compiles this file with esbuild's keepNames, which wraps named
 * functions inside the callbacks given to page.evaluate in `__name(fn, "name")`; the page has no such
 * helper, so it gets an identity one.
 */
async function newContext(browser: Browser, dpr = 1): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: dpr });
  await context.addInitScript({ content: "globalThis.__name = (f) => f;" });
  return context;
}

/** Starts a rAF loop and a long-task observer in the page; `stopRecording` returns their findings. */
async function startRecording(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __bench: { stamps: number[]; long: number[]; on: boolean; obs?: PerformanceObserver } };
    const b = (w.__bench = { stamps: [] as number[], long: [] as number[], on: true, obs: undefined as PerformanceObserver | undefined });
    try {
      b.obs = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) b.long.push(e.duration);
      });
      b.obs.observe({ type: "longtask" });
    } catch {
      // no long-task support: the column stays at 0
    }
    const loop = (t: number) => {
      b.stamps.push(t);
      if (b.on) requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  });
}

async function stopRecording(page: Page): Promise<FrameStats> {
  const { stamps, long } = await page.evaluate(async () => {
    const b = (window as unknown as { __bench: { stamps: number[]; long: number[]; on: boolean; obs?: PerformanceObserver } }).__bench;
    // Two more frames so the last input's work is inside the recording.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    b.on = false;
    b.obs?.disconnect();
    return { stamps: b.stamps, long: b.long };
  });
  const intervals = stamps.slice(1).map((t, i) => t - stamps[i]!);
  return frameStats(intervals, long);
}

// ---------------------------------------------------------------------------------------------- 1. load

interface LoadResult {
  label: string;
  paintedMs: number;
  fetchStartMs?: number;
  responseEndMs?: number;
  serverMs?: number;
  contentLength?: number;
  contentEncoding?: string;
  bodyBytes?: number;
  encodedBytes?: number;
  decodedBytes?: number;
  body?: Buffer;
}

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
          ? { fetchStartMs: res.startTime, responseEndMs: res.responseEnd, serverMs: res.responseStart - res.requestStart, encodedBytes: res.encodedBodySize, decodedBytes: res.decodedBodySize }
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

interface InteractionResult {
  idle: FrameStats;
  hover: FrameStats;
  hoverTooltip: boolean;
  wheel: FrameStats;
  wheelScrolled: number;
  scroll: FrameStats;
  scrollMax: number;
  rowsInDom: number;
  canvas: { width: number; height: number };
}

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

// ---------------------------------------------------------------------------------------------- 3. synthetic draw

interface SynthCase {
  rows: number;
  cols: number;
  metric: "failures" | "category";
  dpr: number;
}

interface SynthResult extends SynthCase {
  drawMedian: number;
  drawP95: number;
  drawMax: number;
  flushMedian: number;
  flushP95: number;
  flushMax: number;
  frames: FrameStats;
}

async function bundleDrawCode(): Promise<string> {
  const root = path.resolve(__dirname, "../..");
  const out = await build({
    stdin: {
      contents: `import { drawHeatmap } from "./components/heatmap/draw"; import { countSteps } from "./components/heatmap/scale"; (globalThis as any).HeatmapDraw = { drawHeatmap, countSteps };`,
      resolveDir: root,
      loader: "ts",
      sourcefile: "heatmap-draw-entry.ts",
    },
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
    tsconfig: path.join(root, "tsconfig.json"),
  });
  return out.outputFiles[0]!.text;
}

async function synthetic(browser: Browser, code: string, width: number, height: number, density: number, maxCell: number, categories: string[], cases: SynthCase[]): Promise<SynthResult[]> {
  const results: SynthResult[] = [];
  for (const c of cases) {
    const context = await newContext(browser, c.dpr);
    const page = await context.newPage();
    try {
      await page.setContent(`<!doctype html><body style="margin:0"><canvas id="c" style="width:${width}px;height:${height}px;display:block"></canvas></body>`);
      await page.addScriptTag({ content: `globalThis.__name ??= (f) => f;\n${code}` });
      // Build the matrix and run the per-call timings in the page.
      const calls = await page.evaluate(
        ({ c, width, height, density, maxCell, categories, n }) => {
          const H = (window as unknown as { HeatmapDraw: { drawHeatmap: (cv: HTMLCanvasElement, d: unknown) => void; countSteps: (m: number, t: string) => unknown[] } }).HeatmapDraw;
          let seed = 0x9e3779b9;
          const rnd = () => {
            seed = (seed + 0x6d2b79f5) | 0;
            let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
            t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
            return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
          };
          const cells = c.rows * c.cols;
          const counts: number[] = new Array(cells);
          const dominant: number[] = new Array(cells);
          for (let i = 0; i < cells; i++) {
            const hit = rnd() < density;
            counts[i] = hit ? 1 + Math.floor(rnd() * maxCell) : 0;
            dominant[i] = hit ? Math.floor(rnd() * categories.length) : -1;
          }
          const canvas = document.getElementById("c") as HTMLCanvasElement;
          const layout = { rows: c.rows, cols: c.cols, rowHeight: 24, width };
          const maxScroll = c.rows * 24 - height;
          const input = (scrollTop: number) => ({
            layout, scrollTop, height, dpr: window.devicePixelRatio || 1, counts, dominant, categories, metric: c.metric,
            steps: H.countSteps(maxCell, "light"), theme: "light", selectedRows: new Set<number>([3, 7]), hover: { row: Math.floor(scrollTop / 24) + 5, col: 10 }, focus: null, opened: null,
          });
          const ctx = canvas.getContext("2d")!;
          // Warm up the JIT and the canvas.
          for (let i = 0; i < 5; i++) H.drawHeatmap(canvas, input((maxScroll * i) / 5));
          ctx.getImageData(0, 0, 1, 1);
          const draw: number[] = [];
          const flush: number[] = [];
          for (let i = 0; i < n; i++) {
            const st = Math.round((maxScroll * i) / (n - 1));
            const t0 = performance.now();
            H.drawHeatmap(canvas, input(st));
            const t1 = performance.now();
            ctx.getImageData(0, 0, 1, 1);
            const t2 = performance.now();
            draw.push(t1 - t0);
            flush.push(t2 - t0);
          }
          (window as unknown as { __synth: unknown }).__synth = { canvas, input, maxScroll };
          return { draw, flush };
        },
        { c, width, height, density, maxCell, categories, n: SYNTH_FRAMES },
      );
      // Then once per animation frame, sweeping scrollTop, with the frame recorder running.
      await startRecording(page);
      await page.evaluate(async (n) => {
        const H = (window as unknown as { HeatmapDraw: { drawHeatmap: (cv: HTMLCanvasElement, d: unknown) => void } }).HeatmapDraw;
        const s = (window as unknown as { __synth: { canvas: HTMLCanvasElement; input: (st: number) => unknown; maxScroll: number } }).__synth;
        for (let i = 0; i < n; i++) {
          await new Promise((r) => requestAnimationFrame(r));
          H.drawHeatmap(s.canvas, s.input(Math.round((s.maxScroll * i) / (n - 1))));
        }
      }, SYNTH_FRAMES);
      const frames = await stopRecording(page);
      const d = [...calls.draw].sort((a, b) => a - b);
      const f = [...calls.flush].sort((a, b) => a - b);
      results.push({ ...c, drawMedian: quantile(d, 0.5), drawP95: quantile(d, 0.95), drawMax: d[d.length - 1]!, flushMedian: quantile(f, 0.5), flushP95: quantile(f, 0.95), flushMax: f[f.length - 1]!, frames });
    } finally {
      await context.close();
    }
  }
  return results;
}

// ---------------------------------------------------------------------------------------------- main

function table(head: string[], rows: string[][]): string {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join("  ");
  return [line(head), w.map((n) => "-".repeat(n)).join("  "), ...rows.map(line)].join("\n");
}

const frameRow = (label: string, s: FrameStats) => [label, String(s.frames), ms(s.median), ms(s.p95), ms(s.max), String(s.over50), `${s.longTasks} / ${ms(s.longTaskMs)}`];
const FRAME_HEAD = ["frame intervals", "frames", "median ms", "p95 ms", "max ms", ">50 ms", "long tasks / ms"];

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
    dashboard = await startDashboard({ BATCH_ACCOUNT_NAME: emu.account, BATCH_ACCOUNT_URL: emu.url, BATCH_ACCOUNT_KEY: emu.key });
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
    const version = browser.version();
    console.error(`emulator up in ${(emuMs / 1000).toFixed(1)} s, dashboard at ${dashboard.url}, chromium ${version}`);

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

    const cpus = os.cpus();
    const out: string[] = [];
    out.push("Heatmap UI benchmark");
    out.push(`command:   ${COMMAND}`);
    out.push(`machine:   node ${process.version}, ${cpus[0]?.model ?? "?"}, ${cpus.length} cores, ${os.platform()} ${os.release()}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`);
    out.push(`load avg:  before ${load0.map((x) => x.toFixed(2)).join(" ")}, after ${load1.map((x) => x.toFixed(2)).join(" ")}`);
    out.push(`chromium:  ${version} (/usr/bin/chromium, headless, ${CHROMIUM_ARGS.join(" ")}), viewport ${VIEWPORT.width}×${VIEWPORT.height}, dpr 1`);
    out.push(`data:      emulator scale seed 1 (built in ${(emuMs / 1000).toFixed(1)} s in-process), pool ${POOL}: ${real.rows.length} rows × ${realCols} buckets (24 h), ${nonEmpty} non-empty cells (${(density * 100).toFixed(1)} %), max cell ${real.maxCell}`);
    out.push("");
    out.push("1. Navigation → heatmap painted (performance.mark 'heatmap-painted'; fresh browser context each; cold = dashboard read cache empty)");
    out.push(
      table(
        ["load", "painted ms", "API fetch start ms", "API response end ms", "API wait (req→first byte) ms", "JSON wire", "JSON decoded", "Content-Length", "encoding"],
        loads.map((l) => [
          l.label, ms(l.paintedMs), ms(l.fetchStartMs ?? NaN), ms(l.responseEndMs ?? NaN), ms(l.serverMs ?? NaN),
          kib(l.encodedBytes), kib(l.bodyBytes ?? l.decodedBytes), l.contentLength !== undefined ? String(l.contentLength) : "(none)", l.contentEncoding ?? "–",
        ]),
      ),
    );
    out.push("");
    out.push(`2. Frames on the real heatmap (24 h, 2,000 rows × ${realCols}; canvas ${ui.canvas.width.toFixed(0)}×${ui.canvas.height.toFixed(0)} CSS px)`);
    out.push(
      table(FRAME_HEAD, [
        frameRow("idle, 1 s, no input", ui.idle),
        frameRow(`hover: diagonal, ${HOVER_STEPS} mouse steps`, ui.hover),
        frameRow(`wheel: ${WHEEL_STEPS} wheel events over grid`, ui.wheel),
        frameRow(`scrollTop 0→end, ${SCROLL_FRAMES} frames`, ui.scroll),
      ]),
    );
    out.push(`   tooltip visible after hover: ${ui.hoverTooltip}; wheel reached scrollTop ${ui.wheelScrolled.toFixed(0)} of ${ui.scrollMax}; heatmap-row elements in DOM at end: ${ui.rowsInDom}`);
    out.push("");
    out.push(`3. Synthetic draw (components/heatmap/draw.ts bundled into a blank page; canvas ${Math.floor(ui.canvas.width)}×${Math.floor(ui.canvas.height)} CSS px; ${(density * 100).toFixed(1)} % non-empty, counts 1..${real.maxCell}; ${SYNTH_FRAMES} scroll positions)`);
    out.push(
      table(
        ["matrix", "draw() median ms", "p95", "max", "draw()+readback median ms", "p95", "max", "rAF draw: median frame ms", "p95", "max", ">50 ms"],
        synth.map((s) => [
          `${s.rows} × ${s.cols} ${s.metric} dpr ${s.dpr}`, ms(s.drawMedian), ms(s.drawP95), ms(s.drawMax), ms(s.flushMedian), ms(s.flushP95), ms(s.flushMax),
          ms(s.frames.median), ms(s.frames.p95), ms(s.frames.max), String(s.frames.over50),
        ]),
      ),
    );
    out.push("   Drawing code only: labels, virtualizer and tooltip at 5,000 rows are not in these rows (2,000-row figures in 2.).");
    out.push("");
    out.push(`total ${((Date.now() - started) / 1000).toFixed(0)} s`);
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
