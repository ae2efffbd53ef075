"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { Input } from "@/components/ui/input";
import { errorInfo } from "@/lib/queries/api-fetch";
import { batchQueries } from "@/lib/queries/batch";
import { searchQuery } from "@/lib/schemas/search";
import { SearchResults, resultLinks } from "./search-results";

const DEBOUNCE_MS = 250;

/**
 * The id search in every page's header: a pool, job, node or task id by prefix or fragment, across the
 * account. Results open under the box, grouped by kind, each a link; Enter opens the first, Escape closes.
 * `/` focuses it on pages without a search box of their own (components/keyboard/focus-target.ts).
 */
export function IdSearch({ account }: { account: string }) {
  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  const [open, setOpen] = useState(false);
  /** The results open towards the middle of the screen, wherever the header's wrapping put the box. */
  const [alignRight, setAlignRight] = useState(true);
  const router = useRouter();
  const boxId = useId();
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const t = setTimeout(() => setQ(text.trim()), DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [text]);
  const valid = searchQuery.safeParse({ q });
  const { data, error, isFetching } = useQuery({ ...batchQueries.search(account, q), enabled: valid.success });
  const problem = q.length > 0 && !valid.success ? (valid.error.issues[0]?.message ?? "is not an id") : undefined;
  const shown = open && q.length > 0;
  return (
    <div
      ref={root}
      className="relative"
      onBlur={(e) => {
        if (!root.current?.contains(e.relatedTarget as Node | null)) setOpen(false);
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape") setOpen(false);
      }}
    >
      <label className="flex items-center gap-2 text-sm">
        <span className="sr-only">Find by id</span>
        <Input
          data-global-search=""
          type="text"
          role="combobox"
          aria-expanded={shown}
          aria-controls={boxId}
          aria-autocomplete="list"
          autoComplete="off"
          spellCheck={false}
          className="w-64 font-mono"
          placeholder="Find node, job, task, pool id"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
          }}
          onFocus={() => {
            const box = root.current?.getBoundingClientRect();
            if (box) setAlignRight(box.left + box.width / 2 > window.innerWidth / 2);
            setOpen(true);
          }}
          onKeyDown={(e) => {
            if (e.key !== "Enter" || !data || data.q !== q) return;
            const first = resultLinks(account, data)[0];
            if (first) {
              e.preventDefault();
              setOpen(false);
              router.push(first);
            }
          }}
        />
      </label>
      {shown && (
        <div
          id={boxId}
          role="region"
          aria-label="Id search results"
          className={`absolute ${alignRight ? "right-0" : "left-0"} z-30 mt-1 max-h-[70vh] w-[32rem] max-w-[90vw] overflow-y-auto rounded border border-slate-300 bg-white p-3 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900`}
        >
          {problem ? (
            <p className="text-slate-700 dark:text-slate-200">The search {problem}.</p>
          ) : (
            <SearchResults account={account} data={data?.q === q ? data : undefined} busy={isFetching} error={errorInfo(error)} onPick={() => setOpen(false)} />
          )}
        </div>
      )}
    </div>
  );
}
