"use client";

import { useEffect, useRef, useState } from "react";
import { ApiError, streamNdjson } from "@/lib/queries/api-fetch";
import { searchEvent, type SearchEvent } from "@/lib/schemas/search-events";
import type { SearchState } from "./log-search";

export interface WholeFileRun {
  status: "running" | "done" | "stopped" | "failed";
  bytesRead: number;
  size?: number;
  matches: { line: number; text: string }[];
  truncated?: boolean;
  error?: string;
}

/** One search event folded into the run it belongs to. */
function apply(run: WholeFileRun, e: SearchEvent): void {
  if (e.type === "progress") Object.assign(run, { bytesRead: e.bytesRead, size: e.size });
  else if (e.type === "match") run.matches.push({ line: e.line, text: e.text });
  else if (e.type === "done") Object.assign(run, { status: "done", truncated: e.truncated, bytesRead: e.bytesRead });
  else Object.assign(run, { status: "failed", error: `${e.error.message}${e.error.code ? ` (${e.error.code})` : ""}` });
}

/**
 * A search of the whole file on the server, streamed as NDJSON: progress, matches as they are found,
 * then done. Starting again, stopping, or leaving the page aborts the running stream.
 */
export function useWholeFileSearch(url: string, search: SearchState) {
  const [run, setRun] = useState<WholeFileRun | undefined>();
  const abort = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => abort.current?.abort(), []);

  const start = async () => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    const current: WholeFileRun = { status: "running", bytesRead: 0, matches: [] };
    setRun({ ...current });
    const q = new URLSearchParams({ search: search.query, regex: String(search.regex), case: String(search.caseSensitive) });
    try {
      await streamNdjson(
        `${url}?${q}`,
        searchEvent,
        (e) => {
          apply(current, e);
          setRun({ ...current, matches: [...current.matches] });
        },
        { signal: controller.signal },
      );
      setRun({ ...current, matches: [...current.matches] });
    } catch (e) {
      if (controller.signal.aborted) return setRun({ ...current, status: "stopped" });
      const message = e instanceof ApiError ? e.info.message : "The search failed.";
      setRun({ ...current, status: "failed", error: message });
    }
  };

  return { run, start, stop: () => abort.current?.abort() };
}
