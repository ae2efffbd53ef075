/**
 * Bytes → lines for a contiguous loaded range of a log that may be any size. The range is a list of chunks read
 * with ranged requests; a chunk can end inside a line or inside a multi-byte UTF-8 character.
 *
 * Lines are split on the LF byte before decoding: in UTF-8 the byte 0x0A never occurs inside a multi-byte
 * sequence, so splitting bytes first and decoding each whole line afterwards decodes a character cut by a
 * chunk boundary correctly, and joins a line cut by one, without any decoder state to carry.
 */
import { stripAnsi } from "./ansi";

export interface Chunk {
  /** Byte offset of the first byte in the file. */
  start: number;
  bytes: Uint8Array;
}

export interface LogLine {
  /** Byte offset of the line's first byte: stable whatever else is loaded, so it keys rows and anchors scrolling. */
  start: number;
  /** Byte offset just past the line's LF (or its last byte). */
  end: number;
  /** Decoded text, CR of a CRLF removed, escapes still in. */
  text: string;
  /** The text as seen on screen (escape sequences removed): what search and copy use. */
  plain: string;
}

interface ChunkSplit {
  /** Bytes before the first LF (the end of a line that began in an earlier chunk). */
  head: Uint8Array;
  /** Lines wholly inside the chunk. */
  inner: LogLine[];
  /** Bytes after the last LF (the start of a line that ends in a later chunk). */
  tail: Uint8Array;
  hasLF: boolean;
}

const LF = 0x0a;
const CR = 0x0d;
const decoder = new TextDecoder("utf-8");

export function decodeLine(bytes: Uint8Array, start: number, end: number): LogLine {
  let n = bytes.length;
  if (n > 0 && bytes[n - 1] === LF) n--;
  if (n > 0 && bytes[n - 1] === CR) n--;
  const text = decoder.decode(bytes.subarray(0, n));
  return { start, end, text, plain: stripAnsi(text) };
}

// Chunk objects are immutable once read; their split is cached so adding a chunk costs only that chunk.
const splits = new WeakMap<Chunk, ChunkSplit>();

function splitChunk(c: Chunk): ChunkSplit {
  const cached = splits.get(c);
  if (cached) return cached;
  const b = c.bytes;
  const first = b.indexOf(LF);
  let result: ChunkSplit;
  if (first === -1) {
    result = { head: b, inner: [], tail: new Uint8Array(0), hasLF: false };
  } else {
    const inner: LogLine[] = [];
    let from = first + 1;
    for (let nl = b.indexOf(LF, from); nl !== -1; nl = b.indexOf(LF, from)) {
      inner.push(decodeLine(b.subarray(from, nl + 1), c.start + from, c.start + nl + 1));
      from = nl + 1;
    }
    result = { head: b.subarray(0, first + 1), inner, tail: b.subarray(from), hasLF: true };
  }
  splits.set(c, result);
  return result;
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1 && parts[0]) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export interface LoadedLines {
  lines: LogLine[];
  /** Bytes at the range's start that belong to a line whose beginning is not loaded (not shown). */
  leadingPartial: boolean;
}

/**
 * The lines of a contiguous loaded range. The first piece is shown only when the loaded range starts the file (else it
 * is the end of a line whose start is not loaded); the last piece, after the final LF, only when the loaded range
 * reaches the file's current end (a file without a final newline, or a line still being written).
 */
export function loadedLines(chunks: readonly Chunk[], atFileEnd: boolean): LoadedLines {
  const first = chunks[0];
  if (!first) return { lines: [], leadingPartial: false };
  const atFileStart = first.start === 0;
  const lines: LogLine[] = [];
  let carry: Uint8Array[] = [];
  let carryStart = first.start;
  let leadingPartial = !atFileStart;
  let sawLF = false;
  for (const c of chunks) {
    const s = splitChunk(c);
    if (!s.hasLF) {
      carry.push(s.head);
      continue;
    }
    carry.push(s.head);
    const joined = concat(carry);
    if (sawLF || atFileStart) lines.push(decodeLine(joined, carryStart, carryStart + joined.length));
    sawLF = true;
    for (const l of s.inner) lines.push(l);
    carry = s.tail.length ? [s.tail] : [];
    carryStart = c.start + c.bytes.length - s.tail.length;
  }
  if (!sawLF && !atFileStart) leadingPartial = true;
  const rest = concat(carry);
  if (atFileEnd && rest.length > 0 && (sawLF || atFileStart)) lines.push(decodeLine(rest, carryStart, carryStart + rest.length));
  return { lines, leadingPartial };
}

/** LF bytes in a buffer: how line numbers move when bytes are dropped from, or added before, a loaded range. */
export function countLF(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(LF); i !== -1; i = bytes.indexOf(LF, i + 1)) n++;
  return n;
}

/** Index of the line that holds byte `offset`, or -1 (lines are sorted by start). */
export function lineIndexAtOffset(lines: readonly LogLine[], offset: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const l = lines[mid]!;
    if (offset < l.start) hi = mid - 1;
    else if (offset >= l.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}
