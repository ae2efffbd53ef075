import "server-only";
import RE2 from "re2";
import { BadRequestError } from "@/lib/errors/api-error";
import type { BatchAccount } from "./accounts";
import { accountClient } from "./client";
import { fileProperties, rangesWhileIdle, readRanges, type FileOwner } from "./files";
import { locateLine } from "./line-index";

export type SearchEvent =
  | { type: "progress"; bytesRead: number; size: number }
  | { type: "match"; line: number; offset: number; text: string }
  | { type: "done"; matches: number; truncated: boolean; bytesRead: number; lines: number; fromLine: number; wrapped: boolean };

export interface SearchQuery {
  query: string;
  regex: boolean;
  caseSensitive: boolean;
}

export const MAX_MATCHES = 500;
/** A line is tested on its first 4 KiB: the memory a line without newlines can take stays bounded. */
const LINE_TEST_BYTES = 4096;
const SHOWN_CHARS = 400;
/** Matching gives the event loop back this often, so other requests wait at most about this long for a search. */
const YIELD_EVERY_MS = 5;

/**
 * Compiles the operator's query. A regular expression runs on RE2, whose time is linear in the line's
 * length whatever the pattern, so no pattern can stall the one event loop every user shares. RE2 has no
 * backreferences and no lookaround (they are what makes backtracking necessary): such a pattern is a 400
 * naming what is unsupported.
 */
export function compileQuery(q: SearchQuery): (line: string) => boolean {
  if (!q.regex) {
    const needle = q.caseSensitive ? q.query : q.query.toLowerCase();
    return q.caseSensitive ? (line) => line.includes(needle) : (line) => line.toLowerCase().includes(needle);
  }
  let re: RE2;
  try {
    re = new RE2(q.query, q.caseSensitive ? "" : "i");
  } catch (e) {
    throw new BadRequestError(unsupportedReason((e as Error).message), "UnsupportedRegex");
  }
  return (line) => re.test(line);
}

function unsupportedReason(message: string): string {
  if (/invalid escape sequence: \\(\d|k)/.test(message))
    return "backreferences (\\1, \\k<name>) are not supported: searches run on RE2, which never backtracks";
  if (/invalid perl operator: \(\?<?[=!]/.test(message))
    return "lookahead and lookbehind ((?=, (?!, (?<=, (?<!) are not supported: searches run on RE2, which never backtracks";
  return `the regular expression is not valid or not supported by RE2: ${message}`;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Characters whose lower case is ASCII though they are not (İ → "i̇", the Kelvin sign → "k"), by the ASCII
 * letter they lower-case to: a byte-wise lower case would miss them. A range is only looked through for
 * those the query holds: each look is a pass over the whole range.
 */
const FOLDS_TO_ASCII: [string, Buffer][] = [
  ["i", Buffer.from("\u0130")],
  ["k", Buffer.from("\u212a")],
];

/**
 * Where in a range a plain query may match, found on the bytes without decoding a line: lines before the
 * next candidate are only counted, and only a candidate's line is decoded and tested. A superset of the
 * lines that match (the line test decides); undefined when every line must be tested (a regular
 * expression, or a case-insensitive query with letters outside ASCII).
 */
export function candidateFinder(q: SearchQuery): ((bytes: Buffer) => ((from: number) => number) | undefined) | undefined {
  if (q.regex || q.query === "") return undefined;
  if (q.caseSensitive) {
    const needle = Buffer.from(q.query, "utf8");
    return (bytes) => (from) => bytes.indexOf(needle, from);
  }
  if (!/^[\x00-\x7f]*$/.test(q.query)) return undefined;
  // RE2 folds case on the bytes themselves (offsets in bytes), without lower-casing a copy of the range.
  const literal = new RE2(q.query.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&"), "gi");
  const lower = q.query.toLowerCase();
  const folds = FOLDS_TO_ASCII.filter(([letter]) => lower.includes(letter)).map(([, bytes]) => bytes);
  return (bytes) => {
    if (folds.some((c) => bytes.includes(c))) return undefined;
    return (from) => {
      literal.lastIndex = from;
      return literal.exec(bytes)?.index ?? -1;
    };
  };
}

export interface SearchOptions {
  signal?: AbortSignal;
  /** The range size; tests make it small to cut small files into many ranges. */
  chunkBytes?: number;
  /** The line the operator is at: the search starts there, reads to the end, then from the top back to it. */
  fromLine?: number;
}

/** A stretch of the file to search: from a line's first byte up to (not including) `to`. */
interface Part {
  from: number;
  to: number;
  firstLine: number;
}

interface Tally {
  found: number;
  bytesRead: number;
  lines: number;
}

/**
 * Searches a whole file on the server, streaming: progress after every range read, each matching line as
 * it is found (with its line number, so the browser can link to it), and a final count. Several ranges
 * are read at once (half the account's read slots, more while the rest stand idle: rangesWhileIdle) and
 * handled in file order, so matches come in file order with exact line numbers, and the first ones leave
 * while later ranges are still being read. With `fromLine`, the file is searched from that line to its
 * end, then from its top back to the line (the line index says where it starts): the first matches are
 * the ones after where the operator is, and all are still found. Stops reading when `signal` is aborted.
 */
export async function* searchFile(
  account: BatchAccount,
  owner: FileOwner,
  path: string,
  q: SearchQuery,
  opts: SearchOptions = {},
): AsyncGenerator<SearchEvent> {
  const test = compileQuery(q);
  const { size } = await fileProperties(account, owner, path);
  const start = opts.fromLine && opts.fromLine > 1 ? await lineStart(account, owner, path, opts.fromLine, opts.signal) : undefined;
  const parts: Part[] =
    start !== undefined && start > 0 && start < size
      ? [
          { from: start, to: size, firstLine: opts.fromLine! },
          { from: 0, to: start, firstLine: 1 },
        ]
      : [{ from: 0, to: size, firstLine: 1 }];
  const tally: Tally = { found: 0, bytesRead: 0, lines: 0 };
  // Where the search really started (1 when from the top, e.g. a line past the end) and whether it came
  // round to the top: the browser says which lines were searched from these, not from what it asked for.
  const done = (truncated: boolean, part: Part): SearchEvent => ({
    type: "done",
    matches: tally.found,
    truncated,
    bytesRead: tally.bytesRead,
    lines: tally.lines,
    fromLine: parts[0]!.firstLine,
    wrapped: part !== parts[0],
  });
  for (const part of parts) {
    yield* searchPart(account, owner, path, { q, test, size, part, tally, opts });
    if (opts.signal?.aborted) return; // the reader left: no "done" for a file not read to its end
    if (tally.found >= MAX_MATCHES) return yield done(true, part);
  }
  yield done(false, parts.at(-1)!);
}

/** Where a line starts, or undefined past the end of the file (the search then starts at the top). */
async function lineStart(account: BatchAccount, owner: FileOwner, path: string, line: number, signal?: AbortSignal): Promise<number | undefined> {
  try {
    return (await locateLine(account, owner, path, line, signal ? { signal } : {})).offset;
  } catch (err) {
    if (err instanceof BadRequestError) return undefined;
    throw err;
  }
}

interface PartSpec {
  q: SearchQuery;
  test: (line: string) => boolean;
  size: number;
  part: Part;
  tally: Tally;
  opts: SearchOptions;
}

/**
 * One part, in file order: lines that span two ranges are joined before they are tested; bytes are
 * decoded as UTF-8 per whole line, so a character split between ranges is never mangled. Stops at
 * MAX_MATCHES in all (the caller then says so) or when the signal aborts.
 */
async function* searchPart(account: BatchAccount, owner: FileOwner, path: string, spec: PartSpec): AsyncGenerator<SearchEvent> {
  const { part, tally, size, opts } = spec;
  const { signal } = opts;
  const candidates = candidateFinder(spec.q);
  const { client, slots } = accountClient(account);
  const decoder = new TextDecoder("utf-8");
  let carry = Buffer.alloc(0);
  let carryOffset = 0;
  let line = part.firstLine - 1;
  let turnStarted = Date.now();
  const test = (bytes: Buffer, offset: number): SearchEvent | undefined => {
    line++;
    const text = decoder.decode(bytes.subarray(0, Math.min(bytes.length, LINE_TEST_BYTES))).replace(/\r$/, "");
    if (!spec.test(text)) return undefined;
    tally.found++;
    return { type: "match", line, offset, text: text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS)}…` : text };
  };
  const ranges = readRanges(client, owner, path, part.from, part.to, {
    ahead: (inFlight) => rangesWhileIdle(slots, inFlight),
    signal,
    ...(opts.chunkBytes ? { chunkBytes: opts.chunkBytes } : {}),
  });
  try {
    for await (const { offset, bytes } of ranges) {
      tally.bytesRead += bytes.length;
      const next = candidates?.(bytes);
      let start = 0;
      for (let nl = bytes.indexOf(0x0a); nl !== -1; nl = bytes.indexOf(0x0a, start)) {
        const c = next && !carry.length ? next(start) : start;
        if (c === -1 || c > nl) {
          // No candidate on this line or the next ones before it: count them, test none.
          for (let i = nl, upTo = c === -1 ? bytes.length : c; i !== -1 && i < upTo; i = bytes.indexOf(0x0a, i + 1)) [line, start] = [line + 1, i + 1];
        } else {
          const piece = carry.length ? Buffer.concat([carry, bytes.subarray(start, nl)]) : bytes.subarray(start, nl);
          const event = test(piece, carry.length ? carryOffset : offset + start);
          carry = Buffer.alloc(0);
          start = nl + 1;
          if (event) yield event;
          if (tally.found >= MAX_MATCHES) return;
        }
        // A 4 MiB range is tens of thousands of lines: give other requests their turn between them.
        if (Date.now() - turnStarted >= YIELD_EVERY_MS) {
          await nextTurn();
          if (signal?.aborted) return;
          turnStarted = Date.now();
        }
      }
      if (start < bytes.length) {
        if (!carry.length) carryOffset = offset + start;
        // Keep at most what a line test reads: a gigabyte without newlines must not fill memory.
        carry = carry.length < LINE_TEST_BYTES ? Buffer.concat([carry, bytes.subarray(start, start + LINE_TEST_BYTES)]) : carry;
      }
      yield { type: "progress", bytesRead: tally.bytesRead, size };
    }
    if (signal?.aborted) return;
    if (carry.length) {
      const event = test(carry, carryOffset);
      if (event) yield event;
    }
  } finally {
    tally.lines += line - (part.firstLine - 1);
  }
}
