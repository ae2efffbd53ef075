/**
 * What "Copy selected lines" (and "Copy loaded text") puts on the clipboard: the file's name and a link to
 * exactly the lines copied (`#L<a>-L<b>`), then the lines. A selection that is only partly loaded copies the
 * part that is, and the header's numbers say which lines those are, so nothing is dropped without saying so.
 */
import { formatLineHash, type LineRange } from "./line-hash";

export interface CopyInput {
  /** the lines' plain text, in order */
  lines: readonly string[];
  /** the number of lines[0], or undefined when the loaded range's numbers are not known */
  firstNumber: number | undefined;
  selection: LineRange | undefined;
  name: string;
  /** the file page's address, without a hash */
  pageUrl: string;
}

/** The selected lines' indexes in `lines`, clamped to what is loaded; undefined when none of them is. */
export function selectedIndexes(selection: LineRange, firstNumber: number, count: number): { a: number; b: number } | undefined {
  const a = Math.max(selection.from - firstNumber, 0);
  const b = Math.min(selection.to - firstNumber, count - 1);
  return a <= b ? { a, b } : undefined;
}

export function copiedLines(c: CopyInput): string {
  const { lines, firstNumber, selection, name, pageUrl } = c;
  let part = { a: 0, b: lines.length - 1 };
  if (selection && firstNumber !== undefined) part = selectedIndexes(selection, firstNumber, lines.length) ?? part;
  const body = lines.slice(part.a, part.b + 1);
  if (firstNumber === undefined || body.length === 0) return [`${name}: ${pageUrl}`, ...body].join("\n");
  const range = { from: firstNumber + part.a, to: firstNumber + part.b };
  const which = range.from === range.to ? `line ${range.from}` : `lines ${range.from}–${range.to}`;
  return [`${name}, ${which}: ${pageUrl}${formatLineHash(range)}`, ...body].join("\n");
}
