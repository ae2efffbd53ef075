"use client";

import { useMemo } from "react";
import { lineDiff } from "@/lib/compare/line-diff";
import { formatBytes } from "@/lib/format";
import type { CompareTail } from "@/lib/schemas/compare";

/**
 * One log file of both tasks side by side, the lines only one side has marked: a "≠" in the margin and a
 * tint (colour is never the only signal), and `data-changed` for tests. Numbers, ids and times are masked
 * before lines are compared (lib/compare/line-diff.ts), so what is marked is what differs in substance.
 */
export function CompareTails({ name, failed, succeeded }: { name: string; failed: CompareTail; succeeded: CompareTail | undefined }) {
  const diff = useMemo(() => lineDiff(failed.text ?? "", succeeded?.text ?? ""), [failed.text, succeeded?.text]);
  const changed = diff.left.filter((l) => l.changed).length + diff.right.filter((l) => l.changed).length;
  return (
    <section aria-label={`${name} of both tasks`} className="space-y-2">
      <h3 className="font-semibold">
        {name} <span className="text-sm font-normal text-slate-600 dark:text-slate-300">· {changed} line(s) differ (last 64 KiB of each)</span>
      </h3>
      {diff.approximate && <p className="text-xs text-slate-600 dark:text-slate-300">Long tails: lines compared by presence, not by position.</p>}
      <div className="grid gap-3 lg:grid-cols-2">
        <TailColumn label={`Failed task's ${name}`} tail={failed} lines={diff.left} />
        {succeeded ? <TailColumn label={`Succeeded task's ${name}`} tail={succeeded} lines={diff.right} /> : <div />}
      </div>
    </section>
  );
}

function TailColumn({ label, tail, lines }: { label: string; tail: CompareTail; lines: { text: string; changed: boolean }[] }) {
  return (
    <div className="min-w-0 rounded border border-slate-200 dark:border-slate-800">
      <p className="border-b border-slate-200 px-2 py-1 text-xs text-slate-600 dark:border-slate-800 dark:text-slate-300">
        {label}
        {tail.size !== undefined && ` · ${formatBytes(tail.size)}${tail.start ? `, from byte ${tail.start}` : ""}`}
      </p>
      {tail.unavailable !== undefined ? (
        <p className="p-2 text-sm text-slate-700 dark:text-slate-200">Not readable: {tail.unavailable}</p>
      ) : lines.length === 0 ? (
        <p className="p-2 text-sm text-slate-600 dark:text-slate-300">(empty)</p>
      ) : (
        <ol aria-label={label} className="max-h-96 overflow-auto py-1 font-mono text-xs">
          {lines.map((l, i) => (
            <li key={i} data-changed={l.changed} className={l.changed ? "flex bg-amber-100 text-slate-900 dark:bg-amber-950 dark:text-slate-100" : "flex"}>
              <span aria-hidden="true" className="w-5 shrink-0 text-center text-amber-800 select-none dark:text-amber-300">
                {l.changed ? "≠" : ""}
              </span>
              {l.changed && <span className="sr-only">differs: </span>}
              <span className="break-all whitespace-pre-wrap">{l.text}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
