"use client";

import { useQueryStates } from "nuqs";
import { useState } from "react";
import { jobViewParams, TASK_STATES } from "@/lib/links/view-params";
import { TASK_OUTCOMES } from "@/lib/schemas/inputs";
import { FAILURE_CATEGORIES } from "@/lib/schemas/tasks";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import { linkVariants } from "@/components/ui/text-link";

/** The task table's filters, in the URL: a filtered view is a link like any other. `outcome` is the one shown (the URL's or the default). */
export function TaskFilters({ outcome }: { outcome: (typeof TASK_OUTCOMES)[number] | undefined }) {
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
        Outcome
        <Select className="text-sm" value={outcome ?? ""} onChange={(e) => void setF({ outcome: e.target.value as (typeof TASK_OUTCOMES)[number] })}>
          {outcome === undefined && <option value="">…</option>}
          {TASK_OUTCOMES.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </Select>
      </label>
      <label className="flex flex-col text-xs text-slate-600 dark:text-slate-300">
        State
        <Select
          className="text-sm"
          value={f.state ?? ""}
          onChange={(e) => void setF({ state: (e.target.value || null) as (typeof TASK_STATES)[number] | null })}
        >
          <option value="">any</option>
          {TASK_STATES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </Select>
      </label>
      <label className="flex flex-col text-xs text-slate-600 dark:text-slate-300">
        Category
        <Select
          className="text-sm"
          value={f.category ?? ""}
          onChange={(e) => void setF({ category: (e.target.value || null) as (typeof FAILURE_CATEGORIES)[number] | null })}
        >
          <option value="">any</option>
          {FAILURE_CATEGORIES.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </Select>
      </label>
      <label className="flex flex-col text-xs text-slate-600 dark:text-slate-300">
        Node
        <Input size="compact" className="w-64 font-mono text-sm" value={node} onChange={(e) => setNode(e.target.value)} placeholder="node id" />
      </label>
      <label className="flex flex-col text-xs text-slate-600 dark:text-slate-300">
        Exit code
        <Input
          size="compact"
          className="w-24 font-mono text-sm"
          inputMode="numeric"
          value={exit}
          onChange={(e) => setExit(e.target.value)}
          placeholder="e.g. 137"
        />
      </label>
      <Button type="submit" className="py-1">
        Apply
      </Button>
      {(f.state || f.category || f.node || f.exitCode !== null) && (
        <ClearFilters
          onClear={() => {
            setNode("");
            setExit("");
            void setF({ state: null, category: null, node: null, exitCode: null });
          }}
        />
      )}
    </form>
  );
}

function ClearFilters({ onClear }: { onClear: () => void }) {
  return (
    <Button variant="ghost" size="inline" className={linkVariants({ tone: "plain", className: "text-sm" })} onClick={onClear}>
      Clear filters
    </Button>
  );
}
