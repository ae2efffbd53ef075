// Frame timing for the heatmap UI benchmark: a rAF loop and a long-task observer in the page, and their statistics.
import type { Browser, BrowserContext, Page } from "@playwright/test";

export const VIEWPORT = { width: 1440, height: 900 };

// ---------------------------------------------------------------------------------------------- stats

export interface FrameStats {
  frames: number;
  median: number;
  p95: number;
  max: number;
  over50: number;
  longTasks: number;
  longTaskMs: number;
}

export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function frameStats(intervals: number[], longTasks: number[] = []): FrameStats {
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

export const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : "–");
export const kib = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? "–" : `${(x / 1024).toFixed(1)} KiB`);

// ---------------------------------------------------------------------------------------------- in-page frame recorder

/**
 * A browser context for one measurement. tsx compiles this file with esbuild's keepNames, which wraps named
 * functions inside the callbacks given to page.evaluate in `__name(fn, "name")`; the page has no such
 * helper, so it gets an identity one.
 */
export async function newContext(browser: Browser, dpr = 1): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: dpr });
  await context.addInitScript({ content: "globalThis.__name = (f) => f;" });
  return context;
}

/** Starts a rAF loop and a long-task observer in the page; `stopRecording` returns their findings. */
export async function startRecording(page: Page): Promise<void> {
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

export async function stopRecording(page: Page): Promise<FrameStats> {
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
