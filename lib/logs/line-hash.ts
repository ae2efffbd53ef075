/** A range of lines from a URL hash: `#L12` or `#L12-L20` (1-based, inclusive, from ≤ to). */
export interface LineRange {
  from: number;
  to: number;
}

const HASH = /^#?L(\d{1,12})(?:-L?(\d{1,12}))?$/;

export function parseLineHash(hash: string): LineRange | undefined {
  const m = HASH.exec(hash.trim());
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || a < 1 || b < 1) return undefined;
  return { from: Math.min(a, b), to: Math.max(a, b) };
}

export function formatLineHash(r: LineRange): string {
  return r.from === r.to ? `#L${r.from}` : `#L${r.from}-L${r.to}`;
}

/** A click on a line number selects it; a shift-click extends the current selection to it. */
export function selectLine(current: LineRange | undefined, line: number, extend: boolean): LineRange {
  if (!extend || !current) return { from: line, to: line };
  return line < current.from ? { from: line, to: current.to } : { from: current.from, to: line };
}

/** What an operator typed into "Go to line": a positive whole number (digits, commas and spaces allowed), or why not. */
export function parseLineInput(input: string): { line: number } | { error: string } {
  const t = input.trim().replace(/[,\s_]/g, "");
  if (t === "") return { error: "Type a line number." };
  if (!/^\d+$/.test(t)) return { error: "A line number is a whole number, such as 1200." };
  const n = Number(t);
  if (n < 1) return { error: "Lines are numbered from 1." };
  if (!Number.isSafeInteger(n)) return { error: "That number is too large to be a line." };
  return { line: n };
}
