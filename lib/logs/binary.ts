/**
 * A file is treated as binary when its first loaded bytes hold a NUL, or when more than a tenth of them
 * are not valid UTF-8. A text log never holds NUL; a binary blob shown as text is a wall of noise that can
 * also hang the page, so it is offered as a download instead.
 */
export function looksBinary(bytes: Uint8Array, { startsMidFile = false }: { startsMidFile?: boolean } = {}): boolean {
  if (bytes.length === 0) return false;
  if (bytes.indexOf(0) !== -1) return true;
  // A ranged read may begin or end inside a character: ignore up to three bytes at each cut edge.
  const body = bytes.subarray(startsMidFile ? Math.min(3, bytes.length) : 0, Math.max(0, bytes.length - 3));
  if (body.length === 0) return false;
  const text = new TextDecoder("utf-8").decode(body);
  let bad = 0;
  for (let i = text.indexOf("\ufffd"); i !== -1; i = text.indexOf("\ufffd", i + 1)) bad++;
  return bad / body.length > 0.1;
}
