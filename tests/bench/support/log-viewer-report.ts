/** The log viewer benchmark's results and how they are printed (tests/bench/log-viewer.bench.ts measures them). */
import os from "node:os";
import { VIEWPORT } from "./log-viewer-probes";

const ms = (x: number | undefined) => (x !== undefined && Number.isFinite(x) ? x.toFixed(0) : "–");
const kib = (x: number) => `${(x / 1024).toFixed(1)} KiB`;
const mib = (x: number) => `${(x / 2 ** 20).toFixed(1)} MiB`;

export interface Read {
  url: string;
  kind: "content" | "properties" | "line" | "list";
  bytes: number;
}

export interface OpenResult {
  shownMs: number;
  beforeShown: { count: number; bytes: number; content: number };
  allReads: Read[];
  heapOpen: { used: number; total: number; nodes: number };
  statusOpen: { lines: number; start: number; end: number };
  rowsOpen: number;
  scrollMs: number[];
  heapScrolled: { used: number; total: number; nodes: number };
  statusScrolled: { lines: number; start: number; end: number };
  rowsScrolled: number;
  maxRead: number;
}

export interface DeepResult {
  label: string;
  shownMs: number;
  lineApiMs?: number;
  pageBytes: number;
  pageReads: number;
  emu: { gets: number; heads: number; bytes: number };
}

/** What the run was set up with, as the report names it. */
export interface ReportSetup {
  command: string;
  job: string;
  task: string;
  deepLine: number;
  chunk: number;
  scrollChunks: number;
  chromiumArgs: string[];
}

function table(head: string[], rows: string[][]): string {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join("  ");
  return [line(head), w.map((n) => "-".repeat(n)).join("  "), ...rows.map(line)].join("\n");
}

/** The report's first lines: what ran, on what machine, browser and data. */
function reportHeader(setup: ReportSetup, version: string, up0: string, up1: string): string[] {
  const cpus = os.cpus();
  const out: string[] = [];
  out.push("Log viewer benchmark");
  out.push(`command:   ${setup.command}`);
  out.push(
    `machine:   node ${process.version}, ${cpus[0]?.model ?? "?"}, ${cpus.length} cores, ${os.platform()} ${os.release()}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
  );
  out.push(`chromium:  ${version} (/usr/bin/chromium, headless, ${setup.chromiumArgs.join(" ")}), viewport ${VIEWPORT.width}×${VIEWPORT.height}`);
  out.push(`uptime before: ${up0}`);
  out.push(`uptime after:  ${up1}`);
  out.push(`data:      emulator demo seed 1, ${setup.job}/${setup.task}: stdout.txt 1 GiB ANSI, stderr.txt 150 MiB (generated on read)`);
  return out;
}

/** Section 3: the page's JS heap after opening the 1 GiB file and after scrolling back through it. */
function heapSection(setup: ReportSetup, big: OpenResult): string[] {
  const sorted = [...big.scrollMs].sort((a, b) => a - b);
  const chunksOf = (s: { start: number; end: number }) => ((s.end - s.start) / setup.chunk).toFixed(2);
  const out: string[] = [];
  out.push(`3. JS heap (CDP HeapProfiler.collectGarbage, then Performance.getMetrics), stdout.txt (1 GiB)`);
  out.push(
    table(
      ["state", "JSHeapUsedSize", "JSHeapTotalSize", "DOM nodes", "chunks held", "bytes held", "lines held", "rows in DOM"],
      [
        [
          "after open (tail)",
          mib(big.heapOpen.used),
          mib(big.heapOpen.total),
          String(big.heapOpen.nodes),
          chunksOf(big.statusOpen),
          kib(big.statusOpen.end - big.statusOpen.start),
          String(big.statusOpen.lines),
          String(big.rowsOpen),
        ],
        [
          `after ${setup.scrollChunks} chunks up (${mib(setup.scrollChunks * setup.chunk)})`,
          mib(big.heapScrolled.used),
          mib(big.heapScrolled.total),
          String(big.heapScrolled.nodes),
          chunksOf(big.statusScrolled),
          kib(big.statusScrolled.end - big.statusScrolled.start),
          String(big.statusScrolled.lines),
          String(big.rowsScrolled),
        ],
      ],
    ),
  );
  out.push(
    `   window after scrolling: bytes ${big.statusScrolled.start}–${big.statusScrolled.end}; per-chunk load (scrollTop=0 → data-start moved) median ${ms(sorted[Math.floor(sorted.length / 2)])} ms, max ${ms(sorted[sorted.length - 1])} ms; largest content read ${kib(big.maxRead)}; content reads ${big.allReads.filter((r) => r.kind === "content").length}`,
  );
  return out;
}

/** The report's lines, in the order printed. */
export function formatReport(r: {
  setup: ReportSetup;
  version: string;
  up0: string;
  up1: string;
  started: number;
  big: OpenResult;
  cold: DeepResult;
  warm: DeepResult;
}): string[] {
  const { setup, version, up0, up1, started, big, cold, warm } = r;
  const chunksOf = (s: { start: number; end: number }) => ((s.end - s.start) / setup.chunk).toFixed(2);
  const out: string[] = [];
  out.push(...reportHeader(setup, version, up0, up1));
  out.push("");
  out.push("1. Navigation → first log row on screen, stdout.txt (1 GiB), fresh context (rAF probe in the page)");
  out.push(
    table(
      ["measure", "value"],
      [
        ["first row on screen", `${ms(big.shownMs)} ms`],
        ["file API responses finished before it", String(big.beforeShown.count)],
        ["  their bytes (all: content + properties/list)", `${big.beforeShown.bytes} B (${kib(big.beforeShown.bytes)})`],
        ["  of which file content", `${big.beforeShown.content} B (${kib(big.beforeShown.content)})`],
        [
          "status after open: lines / bytes held",
          `${big.statusOpen.lines} / ${kib(big.statusOpen.end - big.statusOpen.start)} (${chunksOf(big.statusOpen)} chunks)`,
        ],
      ],
    ),
  );
  out.push("");
  out.push(
    `2. #L${setup.deepLine} in stderr.txt (150 MiB; the line starts at ${mib(((setup.deepLine - 1) / 32) * 4096)}), navigation → that row selected on screen, fresh context each`,
  );
  out.push(
    table(
      ["run", "row on screen ms", "?line= API ms", "page file API reads", "page bytes", "emulator GETs stderr", "emulator HEADs", "emulator bytes served"],
      [cold, warm].map((d) => [
        d.label,
        ms(d.shownMs),
        ms(d.lineApiMs),
        String(d.pageReads),
        kib(d.pageBytes),
        String(d.emu.gets),
        String(d.emu.heads),
        `${mib(d.emu.bytes)} (${d.emu.bytes} B)`,
      ]),
    ),
  );
  out.push("   Emulator bytes: Content-Length of each file response it served (index ranges are 4 MiB each, the viewer's reads 256 KiB).");
  out.push("");
  out.push(...heapSection(setup, big));
  out.push("");
  out.push(`total ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return out;
}
