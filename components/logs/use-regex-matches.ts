"use client";

import { useEffect, useState } from "react";
import type { LogLine } from "@/lib/logs/lines";
import type { RegexJob } from "@/lib/logs/regex-worker";
import type { Match } from "@/lib/logs/search";

/** How long a regular expression may take over the loaded lines before it is stopped. */
export const REGEX_TIME_LIMIT_MS = 2_000;

export type RegexMatches =
  { state: "idle" } | { state: "running" } | { state: "done"; matches: Match[]; capped: boolean } | { state: "stopped"; error: string };

const STOPPED =
  "This pattern took too long on the loaded lines and was stopped (it backtracks). Simplify it, or use Search the whole file, which runs on an engine that never backtracks.";

/**
 * A regular expression's matches in the loaded lines, found in a Web Worker: JavaScript's engine
 * backtracks, and a pattern like (\S|\S)+\x00 on a long token would freeze the tab for minutes. The worker
 * is terminated past REGEX_TIME_LIMIT_MS and the search says why.
 */
export function useRegexMatches(re: RegExp | undefined, lines: LogLine[]): RegexMatches {
  // The answer is kept with the pattern and lines it is for: anything older reads as still running.
  const [answer, setAnswer] = useState<{ re: RegExp; lines: LogLine[]; result: RegexMatches }>();
  useEffect(() => {
    if (!re) return;
    const worker = new Worker(new URL("../../lib/logs/regex-worker.ts", import.meta.url), { type: "module" });
    const settle = (result: RegexMatches) => {
      clearTimeout(timer);
      worker.terminate();
      setAnswer({ re, lines, result });
    };
    const timer = setTimeout(() => settle({ state: "stopped", error: STOPPED }), REGEX_TIME_LIMIT_MS);
    worker.onerror = () => settle({ state: "stopped", error: "The search of the loaded lines could not start in this browser; use Search the whole file." });
    worker.onmessage = (event: MessageEvent<{ matches: Match[]; capped: boolean }>) =>
      settle({ state: "done", matches: event.data.matches, capped: event.data.capped });
    const job: RegexJob = { id: 1, source: re.source, flags: re.flags, lines: lines.map((l) => l.plain) };
    worker.postMessage(job);
    return () => {
      clearTimeout(timer);
      worker.terminate();
    };
  }, [re, lines]);
  if (!re) return { state: "idle" };
  return answer && answer.re === re && answer.lines === lines ? answer.result : { state: "running" };
}
