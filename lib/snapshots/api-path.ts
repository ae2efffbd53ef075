/**
 * The key of a frozen answer: the API path with its query sorted, so a read the view makes and the read
 * the capture made match whatever order their parameters were written in. Empty values are dropped, as
 * withQuery (lib/links/paths.ts) drops them.
 */
export function normalizeApiPath(path: string): string {
  const url = new URL(path, "http://snapshot.invalid");
  const entries = [...url.searchParams.entries()].filter(([, v]) => v !== "");
  entries.sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : av > bv ? 1 : 0) : a < b ? -1 : 1));
  const q = new URLSearchParams(entries).toString();
  return q ? `${url.pathname}?${q}` : url.pathname;
}
