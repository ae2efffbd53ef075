"use client";

import { useMemo } from "react";
import { formatBytes } from "@/lib/format";
import { stripAnsi } from "@/lib/logs/ansi";
import { buildMatcher, markRanges } from "@/lib/logs/search";
import type { SearchState } from "./log-search";
import { doneStatus, resultRanges } from "./search-run";
import { useWholeFileSearch } from "./use-whole-file-search";
import { Button } from "@/components/ui/button";
import { linkVariants } from "@/components/ui/text-link";

/**
 * Search across the whole file on the server, for files far larger than what the viewer holds: the
 * server reads it in ranges and streams matches as it finds them, with progress; each result is a line
 * link that opens the file there.
 */
export function WholeFileSearch({
  url,
  search,
  valid,
  fromLine,
  onOpenLine,
}: {
  url: string;
  search: SearchState;
  valid: boolean;
  /** The line the viewer is at: the search starts there and comes round to it from the top. */
  fromLine?: number;
  onOpenLine: (line: number) => void;
}) {
  const { run, start, stop } = useWholeFileSearch(url, search, fromLine);
  // Where the results come round to the top of the file: the first match before the line searched from.
  const wrapsAt = run?.fromLine === undefined ? -1 : run.matches.findIndex((m) => m.line < run.fromLine!);
  const q = run?.query;
  const re = useMemo(() => {
    const m = q ? buildMatcher(q.query, q) : undefined;
    return m?.ok ? m.re : undefined;
  }, [q]);
  const fraction = run?.size ? run.bytesRead / run.size : undefined;
  return (
    <section aria-label="Search the whole file" className="space-y-1 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <Button data-testid="search-whole-file" disabled={!valid || !search.query || run?.status === "running"} onClick={() => void start()}>
          Search the whole file
        </Button>
        {run?.status === "running" && <Button onClick={stop}>Stop</Button>}
        {run && (
          <span aria-live="polite" data-testid="whole-file-status" className="text-slate-600 dark:text-slate-300">
            {run.status === "running" &&
              `Searching${run.fromLine ? ` from line ${run.fromLine}` : ""}… ${formatBytes(run.bytesRead)}${run.size ? ` of ${formatBytes(run.size)} (${Math.floor((fraction ?? 0) * 100)}%)` : ""}, ${run.matches.length} found`}
            {run.status === "done" && doneStatus(run)}
            {run.status === "stopped" && `Stopped after ${formatBytes(run.bytesRead)}: ${run.matches.length} found`}
            {run.status === "failed" && (
              <span role="alert" className="text-red-700 dark:text-red-400">
                {run.error}
              </span>
            )}
          </span>
        )}
      </div>
      {run && run.matches.length > 0 && (
        <ol data-testid="whole-file-results" className="max-h-48 overflow-y-auto rounded border border-slate-200 font-mono text-xs dark:border-slate-800">
          {run.matches.map((m, i) => (
            <li
              key={m.line}
              {...(i === wrapsAt ? { "data-wraps": "" } : {})}
              className="flex gap-2 border-b border-slate-100 px-2 py-0.5 last:border-0 dark:border-slate-800"
            >
              {i === wrapsAt && <span className="shrink-0 text-slate-600 dark:text-slate-300">From the top:</span>}
              <a
                href={`#L${m.line}`}
                onClick={(e) => (e.preventDefault(), onOpenLine(m.line))}
                className={linkVariants({ tone: "plain", className: "shrink-0" })}
              >
                L{m.line}
              </a>
              <ResultText raw={m.text} re={re} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/**
 * A result line as it reads in the viewer, escape codes removed (as text, never HTML), with what matched
 * marked: the server matched the raw line, so its matches are mapped across the removed codes.
 */
function ResultText({ raw, re }: { raw: string; re: RegExp | undefined }) {
  const parts = markRanges([{ text: stripAnsi(raw) }], re ? resultRanges(raw, re) : []);
  return (
    <span className="truncate whitespace-pre">
      {parts.map((p, i) =>
        p.mark ? (
          <mark key={i} className="bg-yellow-200 text-black">
            {p.text}
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </span>
  );
}
