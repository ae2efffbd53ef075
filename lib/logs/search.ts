/** Search in the loaded part of a log: plain or regex, case-sensitive or not; a bad regex is a message, not a crash. */
export interface SearchOptions {
  caseSensitive: boolean;
  regex: boolean;
}

export type Matcher = { ok: true; re: RegExp } | { ok: false; error: string };

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * What RE2 (the server's engine for the whole-file search) cannot do, refused here too, so both searches
 * answer a pattern the same way.
 */
const UNSUPPORTED: [RegExp, string][] = [
  [/\\(?:[1-9]|k<)/, "backreferences (\\1, \\k<name>) are not supported"],
  [/\(\?<?[=!]/, "lookahead and lookbehind ((?=…), (?!…), (?<=…), (?<!…)) are not supported"],
];

export function buildMatcher(query: string, opts: SearchOptions): Matcher | undefined {
  if (query === "") return undefined;
  if (opts.regex) {
    const refused = UNSUPPORTED.find(([shape]) => shape.test(query));
    if (refused) return { ok: false, error: `Not a supported regular expression: ${refused[1]}` };
  }
  try {
    return { ok: true, re: new RegExp(opts.regex ? query : escapeRegex(query), opts.caseSensitive ? "g" : "gi") };
  } catch (e) {
    return { ok: false, error: `Not a valid regular expression: ${e instanceof Error ? e.message : String(e)}` };
  }
}

export interface Match {
  /** Index of the line in the loaded lines. */
  line: number;
  from: number;
  to: number;
}

/** Every match, in order; empty matches (e.g. /a*​/) are skipped so they neither loop nor count. */
export function findMatches(lines: readonly { plain: string }[], re: RegExp, limit = 100_000): { matches: Match[]; capped: boolean } {
  const matches: Match[] = [];
  const g = new RegExp(re.source, re.flags.includes("g") ? re.flags : re.flags + "g");
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.plain;
    g.lastIndex = 0;
    for (let m = g.exec(text); m !== null; m = g.exec(text)) {
      if (m[0].length === 0) {
        g.lastIndex++;
        continue;
      }
      matches.push({ line: i, from: m.index, to: m.index + m[0].length });
      if (matches.length >= limit) return { matches, capped: true };
    }
  }
  return { matches, capped: false };
}

/** Splits styled runs at highlight ranges so a match is marked without losing its colours. */
export function markRanges<S extends { text: string }>(
  segments: readonly S[],
  ranges: readonly { from: number; to: number; current?: boolean }[],
): (S & { mark?: "match" | "current" })[] {
  if (ranges.length === 0) return [...segments];
  const out: (S & { mark?: "match" | "current" })[] = [];
  let pos = 0;
  for (const seg of segments) {
    const segEnd = pos + seg.text.length;
    let cut = pos;
    for (const r of ranges) {
      if (r.to <= cut || r.from >= segEnd) continue;
      const a = Math.max(r.from, cut);
      const b = Math.min(r.to, segEnd);
      if (a > cut) out.push({ ...seg, text: seg.text.slice(cut - pos, a - pos) });
      out.push({ ...seg, text: seg.text.slice(a - pos, b - pos), mark: r.current ? "current" : "match" });
      cut = b;
    }
    if (cut < segEnd) out.push({ ...seg, text: seg.text.slice(cut - pos) });
    pos = segEnd;
  }
  return out;
}
