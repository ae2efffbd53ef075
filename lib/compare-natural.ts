/**
 * Orders strings the way people read numbered ids: runs of digits compare as numbers, so `node_2` comes
 * before `node_10` and `task-9` before `task-10`. Digit runs of any length compare exactly (no float
 * rounding on long hex or stamps). Equal apart from leading zeros (`07` and `7`), the plain code-unit order
 * decides, so the order is total and stable.
 *
 * The strings are walked run by run and left at the first difference, without splitting them up front: a
 * pool's rows are sorted with it on every heatmap answer, and 2,000 real node ids (`tvmps_` and 64 hex
 * digits, some 40 runs each) split whole for every comparison cost more than the rest of the answer.
 */
export function compareNatural(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ie = runEnd(a, i);
    const je = runEnd(b, j);
    const byRun = isDigit(a.charCodeAt(i)) && isDigit(b.charCodeAt(j)) ? compareNumbers(a, i, ie, b, j, je) : compareText(a, i, ie, b, j, je);
    if (byRun !== 0) return byRun;
    i = ie;
    j = je;
  }
  // One ran out of runs first: the one with fewer runs comes first.
  if (i < a.length) return 1;
  if (j < b.length) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Where the run of digits, or of other characters, that starts at `i` ends. */
function runEnd(s: string, i: number): number {
  const digits = isDigit(s.charCodeAt(i));
  let k = i + 1;
  while (k < s.length && isDigit(s.charCodeAt(k)) === digits) k++;
  return k;
}

/** Two digit runs by their value: leading zeros dropped, the longer is the larger, else digit by digit. */
function compareNumbers(a: string, i: number, ie: number, b: string, j: number, je: number): number {
  while (i < ie - 1 && a.charCodeAt(i) === 48) i++;
  while (j < je - 1 && b.charCodeAt(j) === 48) j++;
  if (ie - i !== je - j) return ie - i - (je - j);
  return compareText(a, i, ie, b, j, je);
}

/** Two runs in code-unit order, a run that is a prefix of the other first. */
function compareText(a: string, i: number, ie: number, b: string, j: number, je: number): number {
  for (; i < ie && j < je; i++, j++) {
    const d = a.charCodeAt(i) - b.charCodeAt(j);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return i < ie ? 1 : j < je ? -1 : 0;
}
