"use client";

import { useQueryStates } from "nuqs";
import { useState } from "react";
import { jobViewParams, TASK_STATES } from "@/lib/links/view-params";
import { FAILURE_CATEGORIES } from "@/lib/schemas/tasks";

const field = "rounded border border-slate-300 bg-white px-1 py-0.5 text-sm dark:border-slate-700 dark:bg-slate-900";

/** The task table's filters, in the URL: a filtered view is a link like any other. */
export function TaskFilters() {
  const [f, setF] = useQueryStates(jobViewParams);
  const [node, setNode] = useState(f.node ?? "");
  const [exit, setExit] = useState(f.exitCode?.toString() ?? "");
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      aria-label="Filter tasks"
      onSubmit={(e) => {
        e.preventDefault();
        const code = exit.trim() === "" ? null : Number(exit);
        void setF({ node: node.trim() || null, exitCode: code !== null && Number.isInteger(code) ? code : null });
      }}
    >
      <label className="flex flex-col text-xs text-slate-600 dark:text-slate-300">
        State
        <select className={field} value={f.state ?? ""} onChange={(e) => void setF({ state: (e.target.value || null) as (typeof TASK_STATES)[number] | null })}>
          <option value="">any</option>
          {TASK_STATES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      <label className="flex flex-col text-xs text-slate-600 dark:text-slate-300">
        Category
        <select className={field} value={f.category ?? ""} onChange={(e) => void setF({ category: (e.target.value || null) as (typeof FAILURE_CATEGORIES)[number] | null })}>
          <option value="">any</option>
          {FAILURE_CATEGORIES.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      <label className="flex flex-col text-xs text-slate-600 dark:text-slate-300">
        Node
        <input className={`${field} w-64 font-mono`} value={node} onChange={(e) => setNode(e.target.value)} placeholder="node id" />
      </label>
      <label className="flex flex-col text-xs text-slate-600 dark:text-slate-300">
        Exit code
        <input className={`${field} w-24 font-mono`} inputMode="numeric" value={exit} onChange={(e) => setExit(e.target.value)} placeholder="e.g. 137" />
      </label>
      <button type="submit" className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
        Apply
      </button>
      {(f.state || f.category || f.node || f.exitCode !== null) && (
        <button
          type="button"
          className="text-sm text-blue-700 underline dark:text-blue-300"
          onClick={() => {
            setNode("");
            setExit("");
            void setF({ state: null, category: null, node: null, exitCode: null });
          }}
        >
          Clear filters
        </button>
      )}
    </form>
  );
}
