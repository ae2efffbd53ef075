// How the heatmap UI benchmark prints what it measured: the shapes of its results, aligned tables and the report.
import os from "node:os";
import { kib, ms, VIEWPORT, type FrameStats } from "./heatmap-ui-frames";
import { SYNTH_FRAMES, type SynthResult } from "./heatmap-synthetic";

export interface LoadResult {
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

export interface InteractionResult {
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

/** Everything the benchmark measured, and the settings it measured with. */
export interface Report {
  setup: { command: string; chromiumArgs: string[]; pool: string; hoverSteps: number; wheelSteps: number; scrollFrames: number };
  started: number;
  load0: number[];
  load1: number[];
  version: string;
  emuMs: number;
  real: { rows: unknown[]; maxCell: number };
  loads: LoadResult[];
  ui: InteractionResult;
  synth: SynthResult[];
  density: number;
  nonEmpty: number;
  realCols: number;
}

function table(head: string[], rows: string[][]): string {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join("  ");
  return [line(head), w.map((n) => "-".repeat(n)).join("  "), ...rows.map(line)].join("\n");
}

const frameRow = (label: string, s: FrameStats) => [
  label,
  String(s.frames),
  ms(s.median),
  ms(s.p95),
  ms(s.max),
  String(s.over50),
  `${s.longTasks} / ${ms(s.longTaskMs)}`,
];
const FRAME_HEAD = ["frame intervals", "frames", "median ms", "p95 ms", "max ms", ">50 ms", "long tasks / ms"];

/** The report's first lines: what ran, on what machine and load, and on what data. */
function reportHeader(r: Report): string[] {
  const { setup, load0, load1, version, emuMs, real, density, nonEmpty, realCols } = r;
  const cpus = os.cpus();
  const out: string[] = [];
  out.push("Heatmap UI benchmark");
  out.push(`command:   ${setup.command}`);
  out.push(
    `machine:   node ${process.version}, ${cpus[0]?.model ?? "?"}, ${cpus.length} cores, ${os.platform()} ${os.release()}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
  );
  out.push(`load avg:  before ${load0.map((x) => x.toFixed(2)).join(" ")}, after ${load1.map((x) => x.toFixed(2)).join(" ")}`);
  out.push(`chromium:  ${version} (/usr/bin/chromium, headless, ${setup.chromiumArgs.join(" ")}), viewport ${VIEWPORT.width}×${VIEWPORT.height}, dpr 1`);
  out.push(
    `data:      emulator scale seed 1 (built in ${(emuMs / 1000).toFixed(1)} s in-process), pool ${setup.pool}: ${real.rows.length} rows × ${realCols} buckets (24 h), ${nonEmpty} non-empty cells (${(density * 100).toFixed(1)} %), max cell ${real.maxCell}`,
  );
  return out;
}

/** The report's lines, in the order printed. */
export function formatReport(r: Report): string[] {
  const { setup, started, real, loads, ui, synth, density, realCols } = r;
  const out: string[] = [];
  out.push(...reportHeader(r));
  out.push("");
  out.push("1. Navigation → heatmap painted (performance.mark 'heatmap-painted'; fresh browser context each; cold = dashboard read cache empty)");
  out.push(
    table(
      [
        "load",
        "painted ms",
        "API fetch start ms",
        "API response end ms",
        "API wait (req→first byte) ms",
        "JSON wire",
        "JSON decoded",
        "Content-Length",
        "encoding",
      ],
      loads.map((l) => [
        l.label,
        ms(l.paintedMs),
        ms(l.fetchStartMs ?? NaN),
        ms(l.responseEndMs ?? NaN),
        ms(l.serverMs ?? NaN),
        kib(l.encodedBytes),
        kib(l.bodyBytes ?? l.decodedBytes),
        l.contentLength !== undefined ? String(l.contentLength) : "(none)",
        l.contentEncoding ?? "–",
      ]),
    ),
  );
  out.push("");
  out.push(`2. Frames on the real heatmap (24 h, 2,000 rows × ${realCols}; canvas ${ui.canvas.width.toFixed(0)}×${ui.canvas.height.toFixed(0)} CSS px)`);
  out.push(
    table(FRAME_HEAD, [
      frameRow("idle, 1 s, no input", ui.idle),
      frameRow(`hover: diagonal, ${setup.hoverSteps} mouse steps`, ui.hover),
      frameRow(`wheel: ${setup.wheelSteps} wheel events over grid`, ui.wheel),
      frameRow(`scrollTop 0→end, ${setup.scrollFrames} frames`, ui.scroll),
    ]),
  );
  out.push(
    `   tooltip visible after hover: ${ui.hoverTooltip}; wheel reached scrollTop ${ui.wheelScrolled.toFixed(0)} of ${ui.scrollMax}; heatmap-row elements in DOM at end: ${ui.rowsInDom}`,
  );
  out.push("");
  out.push(
    `3. Synthetic draw (components/heatmap/draw.ts bundled into a blank page; canvas ${Math.floor(ui.canvas.width)}×${Math.floor(ui.canvas.height)} CSS px; ${(density * 100).toFixed(1)} % non-empty, counts 1..${real.maxCell}; ${SYNTH_FRAMES} scroll positions)`,
  );
  out.push(
    table(
      ["matrix", "draw() median ms", "p95", "max", "draw()+readback median ms", "p95", "max", "rAF draw: median frame ms", "p95", "max", ">50 ms"],
      synth.map((s) => [
        `${s.rows} × ${s.cols} ${s.metric} dpr ${s.dpr}`,
        ms(s.drawMedian),
        ms(s.drawP95),
        ms(s.drawMax),
        ms(s.flushMedian),
        ms(s.flushP95),
        ms(s.flushMax),
        ms(s.frames.median),
        ms(s.frames.p95),
        ms(s.frames.max),
        String(s.frames.over50),
      ]),
    ),
  );
  out.push("   Drawing code only: labels, virtualizer and tooltip at 5,000 rows are not in these rows (2,000-row figures in 2.).");
  out.push("");
  out.push(`total ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return out;
}
