"use client";

import { useEffect, useRef, useState } from "react";
import { formatBytes } from "@/lib/format";
import { ndjsonReader } from "@/lib/logs/ndjson";
import { apiErrorBody, type ApiErrorInfo } from "@/lib/schemas/api-error";
import type { SearchState } from "./log-search";
import { Button } from "@/components/ui/button";

type SearchEvent =
  | { type: "progress"; bytesRead: number; size: number }
  | { type: "match"; line: number; offset: number; text: string }
  | { type: "done"; matches: number; truncated: boolean; bytesRead: number; lines: number }
  | { type: "error"; error: ApiErrorInfo };

interface Run {
  status: "running" | "done" | "stopped" | "failed";
  bytesRead: number;
  size?: number;
  matches: { line: number; text: string }[];
  truncated?: boolean;
  error?: string;
}

/**
 * Search across the whole file on the server, for files far larger than what the viewer holds: the
 * server reads it in ranges and streams matches as it finds them, with progress; each result is a line
 * link that opens the file there.
 */
export function WholeFileSearch({ url, search, valid, onOpenLine }: { url: string; search: SearchState; valid: boolean; onOpenLine: (line: number) => void }) {
  const [run, setRun] = useState<Run | undefined>();
  const abort = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => abort.current?.abort(), []);

  const start = async () => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    const current: Run = { status: "running", bytesRead: 0, matches: [] };
    setRun({ ...current });
    const q = new URLSearchParams({ search: search.query, regex: String(search.regex), case: String(search.caseSensitive) });
    try {
      const res = await fetch(`${url}?${q}`, { signal: controller.signal });
      if (!res.ok || !res.body) {
        const body = apiErrorBody.safeParse(await res.json().catch(() => undefined));
        return setRun({ ...current, status: "failed", error: body.success ? body.data.error.message : `The dashboard answered ${res.status}.` });
      }
      const reader = ndjsonReader<SearchEvent>((e) => {
        if (e.type === "progress") Object.assign(current, { bytesRead: e.bytesRead, size: e.size });
        else if (e.type === "match") current.matches.push({ line: e.line, text: e.text });
        else if (e.type === "done") Object.assign(current, { status: "done", truncated: e.truncated, bytesRead: e.bytesRead });
        else Object.assign(current, { status: "failed", error: `${e.error.message}${e.error.code ? ` (${e.error.code})` : ""}` });
      });
      const stream = res.body.getReader();
      for (;;) {
        const { done, value } = await stream.read();
        if (done) break;
        reader.push(value);
        setRun({ ...current, matches: [...current.matches] });
      }
      reader.end();
      setRun({ ...current, matches: [...current.matches] });
    } catch (e) {
      setRun({ ...current, status: controller.signal.aborted ? "stopped" : "failed", ...(controller.signal.aborted ? {} : { error: (e as Error).message }) });
    }
  };

  const fraction = run?.size ? run.bytesRead / run.size : undefined;
  return (
    <section aria-label="Search the whole file" className="space-y-1 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <Button data-testid="search-whole-file" disabled={!valid || !search.query || run?.status === "running"} onClick={() => void start()}>
          Search the whole file
        </Button>
        {run?.status === "running" && (
          <Button onClick={() => abort.current?.abort()}>Stop</Button>
        )}
        {run && (
          <span aria-live="polite" data-testid="whole-file-status" className="text-slate-600 dark:text-slate-300">
            {run.status === "running" && `Searching… ${formatBytes(run.bytesRead)}${run.size ? ` of ${formatBytes(run.size)} (${Math.floor((fraction ?? 0) * 100)}%)` : ""}, ${run.matches.length} found`}
            {run.status === "done" && `${run.matches.length}${run.truncated ? "+" : ""} matching lines in the whole file${run.truncated ? " (first 500 shown)" : ""}`}
            {run.status === "stopped" && `Stopped after ${formatBytes(run.bytesRead)}: ${run.matches.length} found`}
            {run.status === "failed" && <span role="alert" className="text-red-700 dark:text-red-400">{run.error}</span>}
          </span>
        )}
      </div>
      {run && run.matches.length > 0 && (
        <ol data-testid="whole-file-results" className="max-h-48 overflow-y-auto rounded border border-slate-200 font-mono text-xs dark:border-slate-800">
          {run.matches.map((m) => (
            <li key={m.line} className="flex gap-2 border-b border-slate-100 px-2 py-0.5 last:border-0 dark:border-slate-800">
              <a href={`#L${m.line}`} onClick={(e) => (e.preventDefault(), onOpenLine(m.line))} className="shrink-0 text-blue-700 underline dark:text-blue-300">
                L{m.line}
              </a>
              <span className="truncate whitespace-pre">{m.text}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
