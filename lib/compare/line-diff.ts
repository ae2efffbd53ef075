/**
 * Which lines of two texts differ: a longest common subsequence over lines, the classic diff. Written here
 * rather than taken from the `diff` package because the compare view needs only the marks (which line of
 * each side has no partner), the tails are bounded (64 KiB, a few thousand lines at most), and a 30-line
 * function is easier to keep than a dependency. Lines are compared after masking what always differs
 * between two runs of one command (numbers, hex ids, times), so "batch 12: ok" and "batch 31: ok" pair up
 * and what is marked is what the operator should read.
 */

/** Each side's lines, each marked `same` (paired with a line of the other side) or `changed`. */
export interface LineDiff {
  left: { text: string; changed: boolean }[];
  right: { text: string; changed: boolean }[];
  /** True when the texts were too long to align and every line was compared by position instead. */
  approximate: boolean;
}

/** Above this many cells (lines × lines) the table would cost too much memory; lines are then compared by set. */
const MAX_CELLS = 4_000_000;

/** What makes two lines of two runs differ without meaning anything: numbers, hex ids, ISO times. */
export function maskLine(line: string): string {
  return line
    .replace(/\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?/g, "<time>")
    .replace(/[0-9a-f]{8,}/gi, "<hex>")
    .replace(/\d+(\.\d+)?/g, "<n>")
    .trimEnd();
}

export function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

export function lineDiff(leftText: string, rightText: string, mask: (line: string) => string = maskLine): LineDiff {
  const a = splitLines(leftText);
  const b = splitLines(rightText);
  const ka = a.map(mask);
  const kb = b.map(mask);
  const inA = new Array<boolean>(a.length).fill(false);
  const inB = new Array<boolean>(b.length).fill(false);
  const approximate = (a.length + 1) * (b.length + 1) > MAX_CELLS;
  if (approximate) {
    const setA = new Set(ka);
    const setB = new Set(kb);
    ka.forEach((k, i) => (inA[i] = setB.has(k)));
    kb.forEach((k, j) => (inB[j] = setA.has(k)));
  } else {
    // lcs[i][j]: the length of the longest common subsequence of a[i..] and b[j..], one flat array.
    const w = b.length + 1;
    const lcs = new Uint32Array((a.length + 1) * w);
    for (let i = a.length - 1; i >= 0; i--) {
      for (let j = b.length - 1; j >= 0; j--) {
        lcs[i * w + j] = ka[i] === kb[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
      }
    }
    for (let i = 0, j = 0; i < a.length && j < b.length;) {
      if (ka[i] === kb[j]) {
        inA[i++] = true;
        inB[j++] = true;
      } else if (lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!) i++;
      else j++;
    }
  }
  return {
    left: a.map((text, i) => ({ text, changed: !inA[i] })),
    right: b.map((text, j) => ({ text, changed: !inB[j] })),
    approximate,
  };
}
