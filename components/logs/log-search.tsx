"use client";

import type { SearchOptions } from "@/lib/logs/search";

export interface SearchState extends SearchOptions {
  query: string;
}

/** Search in the loaded part: instant, with count, next/previous, case and regex options. */
export function LogSearch({ value, onChange, count, current, capped, error, onStep }: { value: SearchState; onChange: (s: SearchState) => void; count: number; current: number; capped: boolean; error?: string; onStep: (dir: 1 | -1) => void }) {
  const btn = "rounded border border-slate-300 px-2 py-0.5 text-sm hover:bg-slate-100 disabled:opacity-40 dark:border-slate-700 dark:hover:bg-slate-800";
  return (
    <div role="search" className="flex flex-wrap items-center gap-2 text-sm">
      <input
        type="search"
        aria-label="Search the loaded part of the file"
        placeholder="Search loaded lines"
        value={value.query}
        onChange={(e) => onChange({ ...value, query: e.target.value })}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            onStep(e.shiftKey ? -1 : 1);
          }
        }}
        className="w-64 rounded border border-slate-300 px-2 py-0.5 font-mono dark:border-slate-700 dark:bg-slate-900"
      />
      <label className="flex items-center gap-1">
        <input type="checkbox" checked={value.caseSensitive} onChange={(e) => onChange({ ...value, caseSensitive: e.target.checked })} />
        Match case
      </label>
      <label className="flex items-center gap-1">
        <input type="checkbox" checked={value.regex} onChange={(e) => onChange({ ...value, regex: e.target.checked })} />
        Regex
      </label>
      <button type="button" className={btn} disabled={count === 0} onClick={() => onStep(-1)}>
        Previous
      </button>
      <button type="button" className={btn} disabled={count === 0} onClick={() => onStep(1)}>
        Next
      </button>
      <span aria-live="polite" data-testid="search-count" className="text-slate-600 dark:text-slate-400">
        {error ? (
          <span role="alert" className="text-red-700 dark:text-red-400">
            {error}
          </span>
        ) : value.query ? (
          count === 0 ? (
            "No matches in the loaded part"
          ) : (
            `${current + 1} of ${count}${capped ? "+" : ""} in the loaded part`
          )
        ) : null}
      </span>
    </div>
  );
}
