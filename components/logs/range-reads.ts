import { looksBinary } from "@/lib/logs/binary";
import { countLF } from "@/lib/logs/lines";
import type { LineRange } from "@/lib/logs/line-hash";
import {
  append,
  CHUNK_BYTES,
  earlierRange,
  laterRange,
  loadedBytes,
  MAX_LOADED_BYTES,
  openLoadedRange,
  prepend,
  rangeEnd,
  type LoadedRange,
} from "@/lib/logs/loaded-range";
import { readProperties, readRange, type RangeRead } from "@/lib/logs/read-range";
import { errorInfo } from "@/lib/queries/api-fetch";
import { offsetOfLine } from "./line-index-client";

/** What opening a file found: its loaded range (with a note when a linked line could not be reached), or a binary file. */
export type Opened = { kind: "range"; range: LoadedRange; notice?: string } | { kind: "binary"; size: number; lastModified?: string };

const MAX_FOLLOW_READ = 8 * 1024 * 1024;

/** Whether line `n` (1-based) is wholly inside the loaded range, so it can be shown and numbered. */
export function holdsLine(w: LoadedRange, n: number): boolean {
  if (w.lfBefore === undefined || n <= w.lfBefore) return false;
  const lf = w.chunks.reduce((k, c) => k + countLF(c.bytes), 0);
  return n <= w.lfBefore + lf || (rangeEnd(w) >= w.size && n === w.lfBefore + lf + 1);
}

function binaryOf(read: RangeRead): Opened | undefined {
  if (!looksBinary(read.chunk.bytes, { startsMidFile: read.chunk.start > 0 })) return undefined;
  return { kind: "binary", size: read.size, ...(read.lastModified ? { lastModified: read.lastModified } : {}) };
}

/** The last chunk of the file. */
export async function openTail(url: string): Promise<Opened> {
  const tail = await readRange(url, { length: CHUNK_BYTES });
  return binaryOf(tail) ?? { kind: "range", range: openLoadedRange(tail.chunk, tail.size, tail.lastModified) };
}

/**
 * The lines a `#L` link names, found through the line index, read forward until the last one is in
 * (within the memory bound). `stillWanted` stops the reads once the operator has gone elsewhere.
 */
export async function openAtLines(url: string, target: LineRange, stillWanted: () => boolean): Promise<Opened | undefined> {
  const hit = await offsetOfLine(url, target.from);
  // A loaded range hides its first piece unless it starts the file (it may be the end of a line). Starting
  // one byte early, on the LF that ends the line before, makes the indexed line the first shown; that LF
  // is then the one not counted before the loaded range (line − 2).
  const from =
    hit && hit.offset > 0 ? { offset: hit.offset - 1, lfBefore: hit.line - 2 } : hit ? { offset: 0, lfBefore: 0 } : { offset: 0, lfBefore: undefined };
  const first = await readRange(url, { offset: from.offset, length: CHUNK_BYTES });
  const binary = binaryOf(first);
  if (binary) return binary;
  let w = openLoadedRange(first.chunk, first.size, first.lastModified, from.lfBefore);
  for (let r = laterRange(w); r && !holdsLine(w, target.to) && loadedBytes(w) + r.length <= MAX_LOADED_BYTES; r = laterRange(w)) {
    const next = await savedRead(url, r);
    if (!next) break;
    if (!stillWanted()) return undefined;
    w = append(w, next.chunk, next.size);
  }
  w = await withContextAbove(url, w);
  if (!stillWanted()) return undefined;
  if (holdsLine(w, target.from)) return { kind: "range", range: w };
  const notice =
    rangeEnd(w) >= w.size
      ? `Line ${target.from} is past the end of the file.`
      : `Line ${target.from} lies beyond the first ${Math.round(MAX_LOADED_BYTES / 2 ** 20)} MiB. Opening deep lines of a file this large needs the server's line index.`;
  return { kind: "range", range: w, notice };
}

/**
 * A linked line opens with what comes before it: one chunk above (256 KiB), which for a short file is its
 * start, so line 1 of a short stderr is on screen with the linked lines, and a long file can be scrolled up
 * from there (the terminal extends the range as the top nears). Skipped where it would push the linked
 * lines out of the memory bound.
 */
export async function withContextAbove(url: string, w: LoadedRange): Promise<LoadedRange> {
  const r = earlierRange(w);
  if (!r || loadedBytes(w) + r.length > MAX_LOADED_BYTES) return w;
  const read = await savedRead(url, r);
  return read ? prepend(w, read.chunk) : w;
}

/**
 * A read that a snapshot may not have saved (docs/snapshots.md: a file view keeps the selected lines, not
 * the whole file): the lines it did save open without it. Any other failure is thrown as before.
 */
async function savedRead(url: string, r: { offset: number; length: number }): Promise<RangeRead | undefined> {
  try {
    return await readRange(url, r);
  } catch (e) {
    if (errorInfo(e)?.code === "NotInSnapshot") return undefined;
    throw e;
  }
}

/** A size check without reading content: the range with the file's new size and time, or undefined when unchanged. */
export async function sizeStep(url: string, w: LoadedRange): Promise<LoadedRange | undefined> {
  const p = await readProperties(url);
  if (p.size <= w.size && (!p.lastModified || p.lastModified === w.lastModified)) return undefined;
  return { ...w, size: Math.max(w.size, p.size), ...(p.lastModified ? { lastModified: p.lastModified } : {}) };
}

/**
 * One poll of follow mode: only the bytes past the loaded range's end are read. "reopen" when the file was
 * truncated, rotated, or grew by more than is held (start again from the tail); undefined when unchanged.
 */
export async function followStep(
  url: string,
  w: LoadedRange,
  onRead: (reading: boolean) => void,
): Promise<{ range: LoadedRange; grew: boolean } | "reopen" | undefined> {
  const p = await readProperties(url);
  const end = rangeEnd(w);
  if (p.size < end || p.size - end > MAX_LOADED_BYTES) return "reopen";
  const stamped = (r: LoadedRange): LoadedRange => ({ ...r, ...(p.lastModified ? { lastModified: p.lastModified } : {}) });
  if (p.size > end) {
    onRead(true);
    try {
      const read = await readRange(url, { offset: end, length: Math.min(MAX_FOLLOW_READ, p.size - end) });
      return { range: stamped(append(w, read.chunk, read.size)), grew: true };
    } finally {
      onRead(false);
    }
  }
  return p.lastModified && p.lastModified !== w.lastModified ? { range: stamped(w), grew: false } : undefined;
}
