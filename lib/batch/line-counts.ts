import "server-only";

/** A checkpoint every 1,024 lines: a line is then at most 1,023 newlines past a known offset. */
export const CHECKPOINT_LINES = 1024;
const NEWLINE = 0x0a;

/**
 * Where every 1,024th line of a file starts, as far as the file has been read. A 100 MiB log with
 * 100-byte lines needs about a thousand checkpoints: a few kilobytes.
 */
export interface LineIndex {
  /** Bytes indexed so far: the index is only read as far as a line has been asked for. */
  size: number;
  /** checkpoints[k] is the byte offset where line k × CHECKPOINT_LINES + 1 starts. */
  checkpoints: number[];
  /** Newlines in the indexed bytes. */
  newlines: number;
  lastByte?: number;
}

/** One range's newlines, counted on its own: ranges read in parallel are counted as they arrive, in any order. */
export interface RangeCount {
  offset: number;
  length: number;
  /** Where each newline sits, relative to the range's start. */
  newlineAt: Uint32Array;
  lastByte?: number;
}

export const emptyIndex = (): LineIndex => ({ size: 0, checkpoints: [0], newlines: 0 });

/** Lines in a file: one more than its newlines when the last line has none. */
export const lineCount = (idx: LineIndex) => idx.newlines + (idx.size > 0 && idx.lastByte !== NEWLINE ? 1 : 0);

export function countRange(offset: number, bytes: Uint8Array): RangeCount {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let n = 0;
  for (let i = buf.indexOf(NEWLINE); i !== -1; i = buf.indexOf(NEWLINE, i + 1)) n++;
  const newlineAt = new Uint32Array(n);
  for (let i = buf.indexOf(NEWLINE), k = 0; i !== -1; i = buf.indexOf(NEWLINE, i + 1)) newlineAt[k++] = i;
  return { offset, length: bytes.length, newlineAt, ...(bytes.length > 0 ? { lastByte: bytes[bytes.length - 1] } : {}) };
}

/**
 * Appends counted ranges to an index, in file order: the prefix sum of the newlines before each range
 * says which of its newlines end a 1,024th line. The ranges must follow the index and each other without
 * a gap; a new index is returned and `idx` is left as it was (a build that is abandoned changes nothing).
 */
export function appendRanges(idx: LineIndex, ranges: readonly RangeCount[]): LineIndex {
  const checkpoints = [...idx.checkpoints];
  let { newlines, size, lastByte } = idx;
  for (const r of ranges) {
    if (r.offset !== size) throw new Error(`range at ${r.offset} does not follow the index, which ends at ${size}`);
    // The newline that makes the count a multiple of CHECKPOINT_LINES is the first one to mark.
    for (let k = (CHECKPOINT_LINES - 1 - (newlines % CHECKPOINT_LINES)) % CHECKPOINT_LINES; k < r.newlineAt.length; k += CHECKPOINT_LINES)
      checkpoints.push(r.offset + r.newlineAt[k]! + 1);
    newlines += r.newlineAt.length;
    size += r.length;
    if (r.lastByte !== undefined) lastByte = r.lastByte;
  }
  return { size, checkpoints, newlines, ...(lastByte !== undefined ? { lastByte } : {}) };
}

/** The same index counted in one pass over the whole bytes: the reference the parallel count is held to. */
export function indexOfBytes(bytes: Uint8Array): LineIndex {
  const idx = emptyIndex();
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== NEWLINE) continue;
    idx.newlines++;
    if (idx.newlines % CHECKPOINT_LINES === 0) idx.checkpoints.push(i + 1);
  }
  idx.size = bytes.length;
  if (bytes.length > 0) idx.lastByte = bytes[bytes.length - 1];
  return idx;
}
