import { compareNatural } from "@/lib/compare-natural";

/** How an id matches a query: the whole id, its start, or somewhere inside; ids compare without case (Batch's rule). */
export type MatchKind = "exact" | "prefix" | "fragment";

export function matchKind(id: string, q: string): MatchKind | undefined {
  const i = id.toLowerCase();
  const k = q.toLowerCase();
  if (i === k) return "exact";
  if (i.startsWith(k)) return "prefix";
  if (i.includes(k)) return "fragment";
  return undefined;
}

const RANK: Record<MatchKind, number> = { exact: 0, prefix: 1, fragment: 2 };

/**
 * The items whose id matches, best first (exact, then prefix, then fragment; ids in natural order within
 * each), at most `limit` of them, with how many matched in all.
 */
export function bestMatches<T>(items: readonly T[], q: string, idOf: (item: T) => string, limit: number): { items: T[]; total: number } {
  const matched: { item: T; rank: number; id: string }[] = [];
  for (const item of items) {
    const kind = matchKind(idOf(item), q);
    if (kind) matched.push({ item, rank: RANK[kind], id: idOf(item) });
  }
  matched.sort((a, b) => a.rank - b.rank || compareNatural(a.id, b.id));
  return { items: matched.slice(0, limit).map((m) => m.item), total: matched.length };
}

/** An OData string literal: a quote doubled (the search query cannot hold one, but a literal is built safely anyway). */
export const odataString = (s: string) => `'${s.replace(/'/g, "''")}'`;
