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
  } else if (e.type === "done") Object.assign(run, { status: "done", truncated: e.truncated, bytesRead: e.bytesRead });
  else Object.assign(run, { status: "failed", error: `${e.error.message}${e.error.code ? ` (${e.error.code})` : ""}` });
}
