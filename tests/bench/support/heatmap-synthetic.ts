// The heatmap UI benchmark's synthetic draw: components/heatmap/draw.ts bundled into a blank page, drawn at
// matrix sizes beyond what the emulator serves.
import path from "node:path";
import { build } from "esbuild";
import type { Browser } from "@playwright/test";
import { newContext, quantile, startRecording, stopRecording, type FrameStats } from "./heatmap-ui-frames";

export const SYNTH_FRAMES = 200;

// ---------------------------------------------------------------------------------------------- 3. synthetic draw

export interface SynthCase {
  rows: number;
  cols: number;
  metric: "failures" | "category";
  dpr: number;
}

export interface SynthResult extends SynthCase {
  drawMedian: number;
  drawP95: number;
  drawMax: number;
  flushMedian: number;
  flushP95: number;
  flushMax: number;
  frames: FrameStats;
}

export async function bundleDrawCode(): Promise<string> {
  const root = path.resolve(__dirname, "../../..");
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

/**
 * Runs in the page (passed to page.evaluate, so it uses only its argument): builds a random matrix, then times
 * `n` draw calls sweeping scrollTop, each with and without the GPU flush, and leaves what the frame sweep needs on window.
 */
function timeDrawCalls({
  c,
  width,
  height,
  density,
  maxCell,
  categories,
  n,
}: {
  c: SynthCase;
  width: number;
  height: number;
  density: number;
  maxCell: number;
  categories: string[];
  n: number;
}) {
  const H = (window as unknown as { HeatmapDraw: { drawHeatmap: (cv: HTMLCanvasElement, d: unknown) => void; countSteps: (t: string) => unknown[] } })
    .HeatmapDraw;
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
    layout,
    scrollTop,
    height,
    dpr: window.devicePixelRatio || 1,
    counts,
    // The category colouring as the panel builds it (components/heatmap/colouring.ts): a fixed colour per key.
    keyed: c.metric === "category" ? { dominant, keys: categories, colour: (i: number) => ["#E69F00", "#56B4E9", "#009E73", "#D55E00"][i % 4] } : undefined,
    steps: H.countSteps("light"),
    theme: "light",
    selectedRows: new Set<number>([3, 7]),
    hover: { row: Math.floor(scrollTop / 24) + 5, col: 10 },
    focus: null,
    opened: null,
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
}

export async function synthetic(
  browser: Browser,
  code: string,
  width: number,
  height: number,
  density: number,
  maxCell: number,
  categories: string[],
  cases: SynthCase[],
): Promise<SynthResult[]> {
  const results: SynthResult[] = [];
  for (const c of cases) {
    const context = await newContext(browser, c.dpr);
    const page = await context.newPage();
    try {
      await page.setContent(`<!doctype html><body style="margin:0"><canvas id="c" style="width:${width}px;height:${height}px;display:block"></canvas></body>`);
      await page.addScriptTag({ content: `globalThis.__name ??= (f) => f;\n${code}` });
      // Build the matrix and run the per-call timings in the page.
      const calls = await page.evaluate(timeDrawCalls, { c, width, height, density, maxCell, categories, n: SYNTH_FRAMES });
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
      results.push({
        ...c,
        drawMedian: quantile(d, 0.5),
        drawP95: quantile(d, 0.95),
        drawMax: d[d.length - 1]!,
        flushMedian: quantile(f, 0.5),
        flushP95: quantile(f, 0.95),
        flushMax: f[f.length - 1]!,
        frames,
      });
    } finally {
      await context.close();
    }
  }
  return results;
}
