/**
 * Regex search benchmark: the engine the whole-file search runs (RE2) side by side with the floor it
 * replaced (JavaScript's backtracking RegExp), in one run, on a catastrophic pattern over tokens of
 * growing length, and on an ordinary pattern over a 4 KiB line (the most of a line the search tests).
 * A benchmark, not a test: nothing in vitest's include list matches it.
 *
 * Run: node --import tsx tests/bench/regex-search.bench.ts
 */
import RE2 from "re2";

const CATASTROPHIC = String.raw`(\S|\S)+\x00`;
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

function time(test: (s: string) => boolean, line: string, repeat = 1): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < repeat; i++) test(line);
  return ms(start);
}

const js = new RegExp(CATASTROPHIC);
const re2 = new RE2(CATASTROPHIC);
console.log(`pattern ${CATASTROPHIC} on one token of n characters (no match):`);
for (const n of [16, 18, 20, 22, 24]) {
  const line = "a".repeat(n);
  console.log(`  n=${n}: JavaScript RegExp ${time((s) => js.test(s), line).toFixed(1)} ms, RE2 ${time((s) => re2.test(s), line).toFixed(3)} ms`);
}
const long = "a".repeat(4096);
console.log(`  4 KiB token, 1,000 lines: RE2 ${time((s) => re2.test(s), long, 1000).toFixed(1)} ms (JavaScript RegExp: not run, it would take years)`);

const ordinary = String.raw`ERROR|fail(ed|ure)`;
const text = `${"2026-12-02T10:00:00Z INFO worker 17 processed chunk 00042 in 13 ms ".repeat(60)}failed`.slice(0, 4096);
const jsOrdinary = new RegExp(ordinary);
const re2Ordinary = new RE2(ordinary);
const jsMs = time((s) => jsOrdinary.test(s), text, 10_000);
const re2Ms = time((s) => re2Ordinary.test(s), text, 10_000);
console.log(`pattern ${ordinary} on a 4 KiB line, 10,000 lines: JavaScript RegExp ${jsMs.toFixed(1)} ms, RE2 ${re2Ms.toFixed(1)} ms`);
