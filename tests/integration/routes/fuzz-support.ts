import fc from "fast-check";
import { expect } from "vitest";
import { apiErrorBody } from "@/lib/schemas/api-error";
import type { RouteResult } from "./support";

/**
 * Shared pieces of the property-based tests of the API's edge: inputs an attacker reaches for, the answer
 * every route must give to any of them, and an independent reading of where a file request lands.
 */

/**
 * Runs per property: enough to meet every kind of nasty piece a few times, few enough to keep the suite
 * quick. The route tests run once per Batch API version, each with a fresh random seed, so every property
 * gets twice this; FUZZ_RUNS=500 for a long hunt.
 */
export const RUNS = Number(process.env.FUZZ_RUNS ?? 20);

/** Pieces that break parsers, paths, filters and headers: traversal in its encodings, separators, controls, quotes, odd Unicode. */
export const NASTY_PIECES = [
  "",
  " ",
  ".",
  "..",
  "...",
  ".. ",
  ". .",
  "%2e%2e",
  "%2E%2E",
  "%252e%252e",
  "..%2f",
  "..%5c",
  "%2f",
  "%5c",
  "/",
  "\\",
  "\\\\srv\\share",
  "C:",
  "c:\\windows",
  "\u0000",
  "%00",
  "\r\n",
  "\n",
  "%0d%0a",
  "\t",
  "\u007f",
  "\u0085",
  "'",
  '"',
  "`",
  "' or '1' eq '1",
  "<script>",
  ";",
  ",",
  "&",
  "=",
  "?",
  "#",
  "%",
  "%zz",
  ":",
  ":job-1",
  "*",
  "$",
  "\u202e",
  "\u2028",
  "\ufeff",
  "\ud800",
  "\u2024\u2024",
  "\uff0e\uff0e",
  "😀",
  "é",
  "__proto__",
  "constructor",
  "toString",
  "null",
  "undefined",
  "NaN",
  "-1",
  "1e309",
] as const;

/** Strings of those pieces and of arbitrary code points (lone surrogates included), of any length up to a few thousand. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...NASTY_PIECES), { minLength: 1, maxLength: 6 }).map((parts) => parts.join("")) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...NASTY_PIECES), fc.string({ unit: "binary-ascii", maxLength: 12 })).map(([a, b]) => a + b + a) },
  { weight: 1, arbitrary: fc.constantFrom(...NASTY_PIECES).chain((p) => fc.integer({ min: 60, max: 5000 }).map((n) => "a".repeat(n) + p)) },
);

/** Ids in Batch's own character set at and around its limits (64 for user ids, 128 for our node-id bound), and scheduled-job forms. */
export const idAtLimits: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(1, 63, 64, 65, 72, 127, 128, 129, 1025).chain((n) => fc.constantFrom("a", "Z", "9", "_", "-").map((c) => c.repeat(n))),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
  fc
    .tuple(fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), fc.constantFrom(":job-1", ":job-", ":job-12345678901", ":Job-1", "::job-1", ":job-1:job-2"))
    .map(([a, b]) => a + b),
);

/** Number-like query values: out of range, fractional, exponent, hex, padded, signed, beyond 2^53. */
export const numberish: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("0", "-0", "1", "-1", "1.5", "1e3", "1e21", "1e309", "-1e309", "0x10", " 1", "1 ", "", "Infinity", "-Infinity", "NaN"),
  fc.constantFrom("2147483647", "2147483648", "-2147483649", "4294967295", "4294967296", "9007199254740991", "9007199254740993", "8388608", "8388609"),
  fc.integer().map(String),
  fc.double().map(String),
  fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map(String),
);

const STACK = /\n\s+at |\bat (?:file|node):|\.[cm]?[jt]sx?:\d+:\d+/;
const INTERNAL = [process.cwd(), "node_modules", "/work/", "file://"];
/** attachment, optionally with an ASCII filename of safe characters and an RFC 5987 UTF-8 one. */
export const SAFE_DISPOSITION = /^attachment(?:; filename="[A-Za-z0-9._-]*"(?:; filename\*=UTF-8''[A-Za-z0-9!#$&+.^_`|~%-]+)?)?$/;

/**
 * Every header a route may send, with the one shape its value may have: fixed words, digits, an ISO time,
 * the safe Content-Disposition. No shape leaves room for an input's text; a header not listed here is new
 * and unreviewed.
 */
const HEADER_SHAPES: Record<string, RegExp> = {
  "content-type": /^application\/(?:json|octet-stream|x-ndjson|x-rdp)$/,
  "cache-control": /^no-store$/,
  "x-content-type-options": /^nosniff$/,
  "content-length": /^\d+$/,
  "x-file-size": /^\d+$/,
  "x-range-start": /^\d+$/,
  "x-file-last-modified": /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/,
  "content-disposition": SAFE_DISPOSITION,
};

/**
 * What every answer to any input must be: not a 5xx (the emulator is healthy, so a 5xx is our failure),
 * errors in the one JSON body, no stack frame or server path in the body, and every header of its known
 * shape, so none carries a raw input or a line break. Problems are collected and asserted once: a few
 * thousand calls of expect() would cost more than the routes.
 */
export function expectSafeAnswer(r: RouteResult, context: string): void {
  const problems: string[] = [];
  const type = r.headers.get("content-type") ?? "";
  if (r.status < 200 || r.status >= 500) problems.push(`status ${r.status}`);
  if (r.status >= 400 && !(type === "application/json" && apiErrorBody.strict().safeParse(r.json).success)) problems.push("not the one error body");
  if (type === "application/json") {
    if (STACK.test(r.text)) problems.push("a stack frame in the body");
    for (const s of [...INTERNAL, "[object Object]"]) if (r.text.includes(s)) problems.push(`body contains ${s}`);
  }
  for (const [name, value] of r.headers) {
    const shape = HEADER_SHAPES[name];
    if (!shape) problems.push(`unexpected header ${name}`);
    else if (!shape.test(value)) problems.push(`header ${name} is not of its shape: ${JSON.stringify(value)}`);
  }
  expect(problems, `${context} → ${r.status} ${r.text.slice(0, 300)}`).toEqual([]);
}

/**
 * Decodes percent-encoding until nothing changes: what a path may turn into after any number of decoding
 * hops, each as lenient as a server may be (a malformed escape does not stop the valid ones around it).
 */
export function decodeFully(text: string): string {
  const once = (s: string) =>
    s.replace(/%[0-9A-Fa-f]{2}(?:%[89A-Fa-f][0-9A-Fa-f])*/g, (seq) => {
      try {
        return decodeURIComponent(seq);
      } catch {
        return String.fromCharCode(parseInt(seq.slice(1, 3), 16)) + seq.slice(3);
      }
    });
  for (let current = text; ;) {
    const next = once(current);
    if (next === current) return current;
    current = next;
  }
}

/**
 * Whether a path read on a node stays inside the directory it is relative to, read as strictly as any
 * hop might read it: decoded again and again, either slash a separator, no absolute or drive form, no
 * control character, and no segment of only dots and spaces but "." (Windows drops trailing dots and
 * spaces, so ".. " and "..." can end as "..").
 */
export function staysInside(path: string): boolean {
  const decoded = decodeFully(path);
  if (/[\u0000-\u001f\u007f]/.test(decoded)) return false;
  if (/^[\\/]/.test(decoded) || /^[A-Za-z]:/.test(decoded)) return false;
  return decoded.split(/[\\/]/).every((segment) => segment === "." || !/^\.[. ]*$/.test(segment));
}
