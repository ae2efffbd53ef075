const CHUNK = /(\d+)|(\D+)/g;

/**
 * Orders strings the way people read numbered ids: runs of digits compare as numbers, so `node_2` comes
 * before `node_10` and `task-9` before `task-10`. Digit runs of any length compare exactly (no float
 * rounding on long hex or stamps). Equal apart from leading zeros (`07` and `7`), the plain code-unit order
 * decides, so the order is total and stable.
 */
export function compareNatural(a: string, b: string): number {
  const left = a.match(CHUNK) ?? [];
  const right = b.match(CHUNK) ?? [];
  const n = Math.min(left.length, right.length);
  for (let i = 0; i < n; i++) {
    const x = left[i]!;
    const y = right[i]!;
    if (x === y) continue;
    const byChunk = isDigits(x) && isDigits(y) ? compareDigits(x, y) : x < y ? -1 : 1;
    if (byChunk !== 0) return byChunk;
  }
  if (left.length !== right.length) return left.length - right.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function isDigits(s: string): boolean {
  const c = s.charCodeAt(0);
  return c >= 48 && c <= 57;
}

function compareDigits(x: string, y: string): number {
  const a = x.replace(/^0+(?=\d)/, "");
  const b = y.replace(/^0+(?=\d)/, "");
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
