import { continuationLine, linePrefix, logLine, type TextStyle } from "./log-line";
import { contextFields, metricsFill, randomMessage } from "./log-vocabulary";
import { createRng, type Rng } from "./prng";

export const BLOCK_SIZE = 4096;
export const LINES_PER_BLOCK = 32;

export type LogStyle = "app" | "ansi" | "binary";

// Every line still to come gets this many bytes held back, so the block never overflows. It must
// cover the longest fallback and closing lines (77 bytes in the ansi style).
const RESERVE_PER_LINE = 96;

const BASE_TIME_MS = Date.UTC(2025, 2, 14, 8, 0, 0);
const LINE_SPACING_MS = 250;

/** One 4096-byte block of the file; a pure function of (seed, style, blockIndex). */
export function generateBlock(seed: number, style: LogStyle, blockIndex: number): Buffer {
  const rng = createRng(seed, blockIndex);
  return style === "binary" ? binaryBlock(rng) : textBlock(rng, style, blockIndex);
}

function textBlock(rng: Rng, style: TextStyle, blockIndex: number): Buffer {
  const lines: string[] = [];
  let used = 0;
  let pending: string[] = [];
  for (let i = 0; i < LINES_PER_BLOCK - 1; i += 1) {
    const timestamp = lineTimestamp(rng, blockIndex * LINES_PER_BLOCK + i);
    const budget = BLOCK_SIZE - used - (LINES_PER_BLOCK - 1 - i) * RESERVE_PER_LINE;
    let line: string;
    const continuation = pending.shift();
    if (continuation !== undefined) {
      line = continuationLine(continuation, style);
    } else {
      const message = randomMessage(rng);
      // Aiming each line at a jittered share of what is left spreads the block's slack over all
      // lines, instead of leaving it to one enormous closing line.
      const share = (BLOCK_SIZE - used) / (LINES_PER_BLOCK - i);
      const target = share * (0.5 + rng.int(1000) / 1000);
      let text = message.text;
      for (const field of contextFields(rng, 8)) {
        if (Buffer.byteLength(logLine(timestamp, message.level, message.component, text, style)) >= target) break;
        text += ` ${field}`;
      }
      line = logLine(timestamp, message.level, message.component, text, style);
      // A traceback must end before the block's closing line, or it would read as cut off.
      const linesLeft = LINES_PER_BLOCK - 2 - i;
      pending = message.continuation.length <= linesLeft ? message.continuation : [];
    }
    if (Buffer.byteLength(line) > budget) {
      // A short line that always fits keeps the reserve promise; a traceback cut short is dropped.
      line = logLine(timestamp, "DEBUG", "agent", "heartbeat ok", style);
      pending = [];
    }
    lines.push(line);
    used += Buffer.byteLength(line);
  }
  const timestamp = lineTimestamp(rng, blockIndex * LINES_PER_BLOCK + LINES_PER_BLOCK - 1);
  const prefix = `${linePrefix(timestamp, "DEBUG", "metrics", style)}snapshot `;
  const fill = BLOCK_SIZE - used - Buffer.byteLength(prefix) - 1;
  lines.push(`${prefix}${metricsFill(rng, fill)}\n`);

  const block = Buffer.from(lines.join(""), "utf8");
  if (block.length !== BLOCK_SIZE) throw new Error(`generated block is ${block.length} bytes, not ${BLOCK_SIZE}`);
  return block;
}

/** Strictly increasing across lines: each line gets its own 250 ms slot and a random instant inside it. */
function lineTimestamp(rng: Rng, lineIndex: number): string {
  return new Date(BASE_TIME_MS + lineIndex * LINE_SPACING_MS + rng.int(LINE_SPACING_MS)).toISOString();
}

function binaryBlock(rng: Rng): Buffer {
  const block = Buffer.allocUnsafe(BLOCK_SIZE);
  for (let i = 0; i < BLOCK_SIZE; i += 4) {
    const word = rng.next();
    // Real binaries are full of zero bytes; make them common so NUL sniffing always has something to find.
    for (let k = 0; k < 4; k += 1) {
      const byte = (word >>> (k * 8)) & 0xff;
      block[i + k] = byte < 48 ? 0 : byte;
    }
  }
  return block;
}
