"use client";

import { useEffect, useRef, useState } from "react";
import { ApiError, streamNdjson } from "@/lib/queries/api-fetch";
import { searchEvent } from "@/lib/schemas/search-events";
import type { SearchState } from "./log-search";
import { applySearchEvent, type WholeFileRun } from "./search-run";

export type { WholeFileRun } from "./search-run";

/**
 * A search of the whole file on the server, streamed as NDJSON: progress, matches as they are found,
 * then done. Starting again, stopping, or leaving the page aborts the running stream. From the line the
 * viewer is at, when there is one: the matches after it come first, then those from the top.
 */
export function useWholeFileSearch(url: string, search: SearchState, fromLine?: number) {
  const [run, setRun] = useState<WholeFileRun | undefined>();
  const abort = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => abort.current?.abort(), []);

  const start = async () => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    const from = fromLine !== undefined && fromLine > 1 ? fromLine : undefined;
    const query = { query: search.query, regex: search.regex, caseSensitive: search.caseSensitive };
    const current: WholeFileRun = { status: "running", bytesRead: 0, matches: [], query, ...(from ? { fromLine: from } : {}) };
    setRun({ ...current });
    const q = new URLSearchParams({ search: search.query, regex: String(search.regex), case: String(search.caseSensitive) });
    if (from) q.set("from", String(from));
    try {
      await streamNdjson(
        `${url}?${q}`,
        searchEvent,
        (e) => {
          applySearchEvent(current, e);
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
