import { plainIndex } from "@/lib/logs/ansi";
import type { SearchEvent } from "@/lib/schemas/search-events";

export interface WholeFileRun {
  status: "running" | "done" | "stopped" | "failed";
  bytesRead: number;
  size?: number;
  matches: { line: number; text: string }[];
  truncated?: boolean;
  error?: string;
  /** The line the search started at (it comes round to it from the top), when the viewer was at one. */
  fromLine?: number;
  /** From the done event: the line the server started at (1: from the top) and whether it came round to the top. */
  startedAt?: number;
  wrapped?: boolean;
  /** What was searched for: the results mark it, whatever the search box says since. */
  query?: { query: string; regex: boolean; caseSensitive: boolean };
}

const utf8 = new TextEncoder();

/**
 * One search event folded into the run it belongs to. The server streams a chunk's matches before the
 * progress line that ends the chunk, so a match also moves the count of bytes read to at least the end of
 * its line: the status never says "0 B read, 73 found". A search from a line reads its end first, so there
 * a match's offset says nothing of the bytes read.
 */
export function applySearchEvent(run: WholeFileRun, e: SearchEvent): void {
  if (e.type === "progress") Object.assign(run, { bytesRead: Math.max(run.bytesRead, e.bytesRead), size: e.size });
  else if (e.type === "match") {
    run.matches.push({ line: e.line, text: e.text });
    if (run.fromLine !== undefined) return;
    const lineEnd = e.offset + utf8.encode(e.text).length + 1;
    run.bytesRead = Math.max(run.bytesRead, run.size === undefined ? lineEnd : Math.min(lineEnd, run.size));
  } else if (e.type === "done") {
    Object.assign(run, { status: "done", truncated: e.truncated, bytesRead: e.bytesRead });
    if (e.fromLine !== undefined) run.startedAt = e.fromLine;
    if (e.wrapped !== undefined) run.wrapped = e.wrapped;
  } else Object.assign(run, { status: "failed", error: `${e.error.message}${e.error.code ? ` (${e.error.code})` : ""}` });
}

const n = (x: number) => x.toLocaleString("en");

/**
 * The finished search in words, saying which lines were searched: a search from a line that stopped at
 * the cap before coming round to the top never read the lines above it, and the operator must know.
 */
export function doneStatus(run: Pick<WholeFileRun, "matches" | "truncated" | "startedAt" | "wrapped">): string {
  const found = `${run.matches.length}${run.truncated ? "+" : ""} matching lines`;
  const shown = run.truncated ? `first ${run.matches.length} shown, ` : "";
  const from = run.startedAt ?? 1;
  if (from <= 1) return run.truncated ? `${found} (${shown}from the top)` : `${found} in the whole file`;
  if (!run.wrapped) return `${found} (${shown}from line ${n(from)} on; ${from === 2 ? "line 1" : `lines 1–${n(from - 1)}`} not reached)`;
  return `${found}${run.truncated ? "" : " in the whole file"} (${shown}from line ${n(from)} to the end, then from the top)`;
}

/**
 * Where a query matches a raw result line, as ranges of its text on screen (stripAnsi): the server matched
 * the raw line, escapes and all, so the ranges are found there and mapped across the removed escapes.
 */
export function resultRanges(raw: string, re: RegExp): { from: number; to: number }[] {
  const g = new RegExp(re.source, re.flags.includes("g") ? re.flags : `${re.flags}g`);
  const at = plainIndex(raw);
  const out: { from: number; to: number }[] = [];
  for (const m of raw.matchAll(g)) {
    const from = at[m.index]!;
    const to = at[m.index + m[0].length]!;
    if (to > from) out.push({ from, to });
  }
  return out;
}
