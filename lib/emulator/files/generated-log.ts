import { BLOCK_SIZE, generateBlock, LINES_PER_BLOCK, type LogStyle } from "./generated-block";

export { BLOCK_SIZE, LINES_PER_BLOCK, type LogStyle } from "./generated-block";

const NEWLINE = 0x0a;
const SPACE = 0x20;
const ESC = 0x1b;

/**
 * Bytes [start, endInclusive] of a synthetic log of `totalSize` bytes. Only the blocks the range
 * touches are generated, so cost follows the range, not the file. The end is clamped to the file.
 */
export function readGeneratedLog(seed: number, style: LogStyle, totalSize: number, start: number, endInclusive: number): Buffer {
  const first = Math.max(0, Math.floor(start));
  const last = Math.min(Math.floor(endInclusive), totalSize - 1);
  if (last < first) return Buffer.alloc(0);
  const out = Buffer.allocUnsafe(last - first + 1);
  for (let blockIndex = Math.floor(first / BLOCK_SIZE); blockIndex <= Math.floor(last / BLOCK_SIZE); blockIndex += 1) {
    const blockStart = blockIndex * BLOCK_SIZE;
    const block = blockBytes(seed, style, totalSize, blockIndex);
    const from = Math.max(first, blockStart) - blockStart;
    const to = Math.min(last, blockStart + BLOCK_SIZE - 1) - blockStart;
    block.copy(out, blockStart + from - first, from, to + 1);
  }
  return out;
}

/** The block as it appears in a file of `totalSize` bytes: the last one may be cut short. */
function blockBytes(seed: number, style: LogStyle, totalSize: number, blockIndex: number): Buffer {
  const block = generateBlock(seed, style, blockIndex);
  const length = totalSize - blockIndex * BLOCK_SIZE;
  if (length >= BLOCK_SIZE) return block;
  const tail = block.subarray(0, length);
  if (style !== "binary") endCleanly(tail);
  return tail;
}

/**
 * A text file cut mid-block must still end like a text file: with a newline, and without half a
 * UTF-8 character or half an escape sequence before it (viewers would show garbage).
 */
function endCleanly(tail: Buffer): void {
  const end = tail.length - 1;
  tail[end] = NEWLINE;
  let lead = end - 1;
  while (lead >= 0 && lead > end - 4 && ((tail[lead] ?? 0) & 0xc0) === 0x80) lead -= 1;
  if (lead >= 0) {
    const byte = tail[lead] ?? 0;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    if (lead + needed > end) tail.fill(SPACE, lead, end);
  }
  const lineStart = tail.lastIndexOf(NEWLINE, end - 1) + 1;
  const escape = tail.lastIndexOf(ESC, end - 1);
  if (escape >= lineStart && !/^\x1b\[[0-9;]*m/.test(tail.toString("latin1", escape, end))) {
    tail.fill(SPACE, escape, end);
  }
}

/**
 * Byte offset where line `lineIndex` (0-based) starts, for a file of text style. Needs only that
 * line's block, so it is constant-time in the file size. Undefined past the end of the file.
 */
export function lineStartOffset(seed: number, style: Exclude<LogStyle, "binary">, lineIndex: number, totalSize: number): number | undefined {
  const blockIndex = Math.floor(lineIndex / LINES_PER_BLOCK);
  const blockStart = blockIndex * BLOCK_SIZE;
  if (lineIndex < 0 || blockStart >= totalSize) return undefined;
  const block = blockBytes(seed, style, totalSize, blockIndex);
  let offset = 0;
  for (let n = 0; n < lineIndex % LINES_PER_BLOCK; n += 1) {
    offset = block.indexOf(NEWLINE, offset) + 1;
    if (offset === 0 || offset >= block.length) return undefined;
  }
  return blockStart + offset;
}

/** The 0-based line that byte `offset` falls in; the inverse of lineStartOffset. */
export function lineIndexAt(seed: number, style: Exclude<LogStyle, "binary">, offset: number, totalSize: number): number | undefined {
  if (offset < 0 || offset >= totalSize) return undefined;
  const blockIndex = Math.floor(offset / BLOCK_SIZE);
  const block = blockBytes(seed, style, totalSize, blockIndex);
  let line = 0;
  const within = offset - blockIndex * BLOCK_SIZE;
  for (let at = block.indexOf(NEWLINE); at >= 0 && at < within; at = block.indexOf(NEWLINE, at + 1)) line += 1;
  return blockIndex * LINES_PER_BLOCK + line;
}
