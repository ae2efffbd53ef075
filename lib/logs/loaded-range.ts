import { countLF, type Chunk } from "./lines";

/**
 * The loaded part of a file: contiguous chunks, bounded in bytes whatever the file's size. Scrolling up
 * prepends a chunk and drops from the bottom when over the bound; scrolling down (or following) appends
 * and drops from the top. Dropped chunks are simply read again if the operator returns to them.
 *
 * `lfBefore` is how many LFs the file holds before the loaded range: known from the start of the file (0) or from
 * the line index, and kept exact as chunks are added and dropped, since each step counts the LFs it moves.
 * Unknown (undefined) means absolute line numbers are not known, so none are shown.
 */
export interface LoadedRange {
  chunks: Chunk[];
  /** The file's size as last seen. */
  size: number;
  lastModified?: string;
  lfBefore?: number;
}

export const CHUNK_BYTES = 256 * 1024;
/** At most this many bytes are held; with their decoded lines that keeps a tab well under 50 MB per file. */
export const MAX_LOADED_BYTES = 16 * CHUNK_BYTES;

export function rangeStart(w: LoadedRange): number {
  return w.chunks[0]?.start ?? 0;
}

export function rangeEnd(w: LoadedRange): number {
  const last = w.chunks[w.chunks.length - 1];
  return last ? last.start + last.bytes.length : 0;
}

export function loadedBytes(w: LoadedRange): number {
  return w.chunks.reduce((n, c) => n + c.bytes.length, 0);
}

/** A fresh loaded range from one read (the tail on open, or the place a line link points at). */
export function openLoadedRange(chunk: Chunk, size: number, lastModified?: string, lfBefore?: number): LoadedRange {
  return {
    chunks: chunk.bytes.length ? [chunk] : [],
    size,
    ...(lastModified ? { lastModified } : {}),
    ...(chunk.start === 0 ? { lfBefore: 0 } : lfBefore !== undefined ? { lfBefore } : {}),
  };
}

/** The range to read to extend the loaded range upwards, or undefined at the start of the file. */
export function earlierRange(w: LoadedRange, chunkBytes = CHUNK_BYTES): { offset: number; length: number } | undefined {
  const s = rangeStart(w);
  if (s <= 0) return undefined;
  const offset = Math.max(0, s - chunkBytes);
  return { offset, length: s - offset };
}

/** The range to read to extend the loaded range downwards, or undefined at the file's last known end. */
export function laterRange(w: LoadedRange, chunkBytes = CHUNK_BYTES): { offset: number; length: number } | undefined {
  const e = rangeEnd(w);
  if (e >= w.size) return undefined;
  return { offset: e, length: Math.min(chunkBytes, w.size - e) };
}

export function prepend(w: LoadedRange, chunk: Chunk, maxBytes = MAX_LOADED_BYTES): LoadedRange {
  if (chunk.bytes.length === 0 || chunk.start + chunk.bytes.length !== rangeStart(w)) return w;
  const lfBefore = chunk.start === 0 ? 0 : w.lfBefore === undefined ? undefined : w.lfBefore - countLF(chunk.bytes);
  const next: LoadedRange = { ...w, chunks: [chunk, ...w.chunks] };
  if (lfBefore === undefined) delete next.lfBefore;
  else next.lfBefore = lfBefore;
  return dropFromEnd(next, maxBytes);
}

export function append(w: LoadedRange, chunk: Chunk, size = w.size, maxBytes = MAX_LOADED_BYTES): LoadedRange {
  if (chunk.start !== rangeEnd(w)) return w;
  const last = w.chunks[w.chunks.length - 1];
  let chunks: Chunk[];
  if (chunk.bytes.length === 0) chunks = w.chunks;
  else if (last && last.bytes.length + chunk.bytes.length <= Math.min(CHUNK_BYTES, maxBytes) / 4) {
    // Follow reads a few KB at a time: merge them, so the loaded range stays a handful of chunks.
    const merged = new Uint8Array(last.bytes.length + chunk.bytes.length);
    merged.set(last.bytes);
    merged.set(chunk.bytes, last.bytes.length);
    chunks = [...w.chunks.slice(0, -1), { start: last.start, bytes: merged }];
  } else chunks = [...w.chunks, chunk];
  return dropFromStart({ ...w, chunks, size: Math.max(size, chunk.start + chunk.bytes.length) }, maxBytes);
}

function dropFromEnd(w: LoadedRange, maxBytes: number): LoadedRange {
  const chunks = [...w.chunks];
  let total = loadedBytes(w);
  while (chunks.length > 1 && total > maxBytes) total -= chunks.pop()!.bytes.length;
  return { ...w, chunks };
}

function dropFromStart(w: LoadedRange, maxBytes: number): LoadedRange {
  const chunks = [...w.chunks];
  let total = loadedBytes(w);
  let lfBefore = w.lfBefore;
  while (chunks.length > 1 && total > maxBytes) {
    const gone = chunks.shift()!;
    total -= gone.bytes.length;
    if (lfBefore !== undefined) lfBefore += countLF(gone.bytes);
  }
  const next: LoadedRange = { ...w, chunks };
  if (lfBefore !== undefined) next.lfBefore = lfBefore;
  return next;
}

/**
 * The number shown beside a line. `lineIndex` counts every LF-separated piece of the loaded range from its first
 * byte, the hidden leading fragment included, so the piece holding the range's first byte is line
 * lfBefore + 1. Without lfBefore there is no honest absolute number: undefined.
 */
export function lineNumber(w: LoadedRange, pieceIndex: number): number | undefined {
  return w.lfBefore === undefined ? undefined : w.lfBefore + 1 + pieceIndex;
}
