"use client";

import { useMemo, useState } from "react";
import type { LogLine } from "@/lib/logs/lines";
import { buildMatcher, findMatches } from "@/lib/logs/search";
import type { RowRange } from "./log-row";
import type { SearchState } from "./log-search";
import { useRegexMatches } from "./use-regex-matches";

const NONE = { matches: [], capped: false };

/**
 * Search within the loaded lines: the matches, which one is current, the highlight ranges per line, and
 * stepping between matches (which pauses follow and asks the terminal to reveal the line). The current
 * match is kept by where it is in the file, so it stays put when chunks load above it.
 */
export function useLogSearch(lines: LogLine[], pauseFollow: () => void) {
  const [search, setSearch] = useState<SearchState>({ query: "", caseSensitive: false, regex: false });
  const [current, setCurrent] = useState<{ start: number; from: number }>();
  const [reveal, setReveal] = useState<{ index: number; n: number }>();

  const built = useMemo(() => buildMatcher(search.query, search), [search]);
  // Plain text is escaped into a pattern that cannot backtrack: found at once. A regular expression runs in
  // a worker that is stopped when it takes too long.
  const plain = useMemo(() => (built?.ok && !search.regex ? findMatches(lines, built.re) : NONE), [built, search.regex, lines]);
  const regex = useRegexMatches(built?.ok && search.regex ? built.re : undefined, lines);
  const found = search.regex ? (regex.state === "done" ? regex : NONE) : plain;
  const matcher = regex.state === "stopped" ? ({ ok: false, error: regex.error } as const) : built;
  const cur = found.matches.length
    ? Math.max(0, current ? found.matches.findIndex((m) => lines[m.line]?.start === current.start && m.from === current.from) : 0)
    : -1;
  const ranges = useMemo(() => {
    const m = new Map<number, RowRange[]>();
    found.matches.forEach((x, i) => {
      const list = m.get(x.line) ?? [];
      list.push({ from: x.from, to: x.to, current: i === cur });
      m.set(x.line, list);
    });
    return m;
  }, [found, cur]);

  const step = (dir: 1 | -1) => {
    const n = found.matches.length;
    if (!n) return;
    const next = (cur + dir + n) % n;
    const m = found.matches[next]!;
    setCurrent({ start: lines[m.line]!.start, from: m.from });
    pauseFollow();
    setReveal((r) => ({ index: m.line, n: (r?.n ?? 0) + 1 }));
  };

  const onSearch = (s: SearchState) => {
    setSearch(s);
    setCurrent(undefined);
  };

  /** Whether the whole-file search may run it: a pattern stopped here is still valid there (RE2 never backtracks). */
  const valid = !built || built.ok;
  const searching = search.regex && regex.state === "running";
  return { search, onSearch, matcher, valid, searching, found, cur, ranges, step, reveal };
}
