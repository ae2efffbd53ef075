"use client";

import type { SearchOptions } from "@/lib/logs/search";
import { Button } from "@/components/ui/button";
import { Checkbox, Input } from "@/components/ui/input";

export interface SearchState extends SearchOptions {
  query: string;
}

/** Search in the loaded part: instant, with count, next/previous, case and regex options. */
export function LogSearch({
  value,
  onChange,
  count,
  current,
  capped,
  error,
  searching = false,
  onStep,
}: {
  value: SearchState;
  onChange: (s: SearchState) => void;
  count: number;
  current: number;
  capped: boolean;
  error?: string;
  /** A regular expression is still running over the loaded lines. */
  searching?: boolean;
  onStep: (dir: 1 | -1) => void;
}) {
  return (
    <div role="search" className="flex flex-wrap items-center gap-2 text-sm">
      <Input
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
        className="w-64 font-mono"
      />
      <label className="flex items-center gap-1">
        <Checkbox checked={value.caseSensitive} onChange={(e) => onChange({ ...value, caseSensitive: e.target.checked })} />
        Match case
      </label>
      <label className="flex items-center gap-1">
        <Checkbox checked={value.regex} onChange={(e) => onChange({ ...value, regex: e.target.checked })} />
        Regex
      </label>
      <Button disabled={count === 0} onClick={() => onStep(-1)}>
        Previous
      </Button>
      <Button disabled={count === 0} onClick={() => onStep(1)}>
        Next
      </Button>
      <span aria-live="polite" data-testid="search-count" className="text-slate-600 dark:text-slate-400">
        {error ? (
          <span role="alert" className="text-red-700 dark:text-red-400">
            {error}
          </span>
        ) : value.query ? (
          searching ? (
            "Searching the loaded part…"
          ) : count === 0 ? (
            "No matches in the loaded part"
          ) : (
            `${current + 1} of ${count}${capped ? "+" : ""} in the loaded part`
          )
        ) : null}
      </span>
    </div>
  );
}
