import "server-only";
import { BadRequestError } from "@/lib/errors/api-error";
import type { BatchAccount } from "./accounts";
import { accountClient } from "./client";
import { fileProperties, scanFile, type FileOwner } from "./files";

export type SearchEvent =
  | { type: "progress"; bytesRead: number; size: number }
  | { type: "match"; line: number; offset: number; text: string }
  | { type: "done"; matches: number; truncated: boolean; bytesRead: number; lines: number };

export interface SearchQuery {
  query: string;
  regex: boolean;
  caseSensitive: boolean;
}

export const MAX_MATCHES = 500;
/** A regular expression only ever sees the first 4 KiB of a line, which bounds the cost of a bad one. */
const LINE_TEST_BYTES = 4096;
const SHOWN_CHARS = 400;

/**
 * Compiles the operator's query. A regex is checked for the nested quantifiers that backtrack
 * catastrophically, since the server runs it over every line of files of any size.
 */
export function compileQuery(q: SearchQuery): (line: string) => boolean {
  if (!q.regex) {
    const needle = q.caseSensitive ? q.query : q.query.toLowerCase();
    return q.caseSensitive ? (line) => line.includes(needle) : (line) => line.toLowerCase().includes(needle);
  }
  if (/\([^)]*[+*][^)]*\)\s*[+*{]/.test(q.query))
    throw new BadRequestError("nested quantifiers such as (a+)+ are refused: they can take forever on long lines");
  let re: RegExp;
  try {
    re = new RegExp(q.query, q.caseSensitive ? "" : "i");
  } catch (e) {
    throw new BadRequestError(`the regular expression is not valid: ${(e as Error).message}`);
  }
  return (line) => re.test(line);
}

/**
 * Searches a whole file on the server, streaming: progress after every range read, each matching line as
 * it is found (with its line number, so the browser can link to it), and a final count. Lines that span
 * two ranges are joined before they are tested; bytes are decoded as UTF-8 per whole line, so a
 * character split between ranges is never mangled.
 */
export async function* searchFile(account: BatchAccount, owner: FileOwner, path: string, q: SearchQuery, signal?: AbortSignal): AsyncGenerator<SearchEvent> {
  const matches = compileQuery(q);
  const { size } = await fileProperties(account, owner, path);
  const { client } = accountClient(account);
  const decoder = new TextDecoder("utf-8");
  let carry = Buffer.alloc(0);
  let carryOffset = 0;
  let line = 0;
  let found = 0;
  let bytesRead = 0;
  const test = (bytes: Buffer, offset: number): SearchEvent | undefined => {
    line++;
    const text = decoder.decode(bytes.subarray(0, Math.min(bytes.length, LINE_TEST_BYTES))).replace(/\r$/, "");
    if (!matches(text)) return undefined;
    found++;
    return { type: "match", line, offset, text: text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS)}…` : text };
  };
  for await (const { offset, bytes } of scanFile(client, owner, path, 0, size, undefined, signal)) {
    bytesRead += bytes.length;
    let start = 0;
    for (let nl = bytes.indexOf(0x0a); nl !== -1; nl = bytes.indexOf(0x0a, start)) {
      const piece = carry.length ? Buffer.concat([carry, bytes.subarray(start, nl)]) : bytes.subarray(start, nl);
      const event = test(piece, carry.length ? carryOffset : offset + start);
      carry = Buffer.alloc(0);
      start = nl + 1;
      if (event) yield event;
      if (found >= MAX_MATCHES) return yield { type: "done", matches: found, truncated: true, bytesRead, lines: line };
    }
    if (start < bytes.length) {
      if (!carry.length) carryOffset = offset + start;
      // Keep at most what a line test reads: a gigabyte without newlines must not fill memory.
      carry = carry.length < LINE_TEST_BYTES ? Buffer.concat([carry, bytes.subarray(start, start + LINE_TEST_BYTES)]) : carry;
    }
    yield { type: "progress", bytesRead, size };
  }
  if (carry.length) {
    const event = test(carry, carryOffset);
    if (event) yield event;
  }
  yield { type: "done", matches: found, truncated: false, bytesRead, lines: line };
}
