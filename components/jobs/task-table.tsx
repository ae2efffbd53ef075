"use client";

import { useQuery } from "@tanstack/react-query";
import { useQueryStates } from "nuqs";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { FilterInput } from "@/components/ui/filter-input";
import { DataTable, useDataTable } from "@/components/ui/table";
import { Loading, Panel } from "@/components/ui/panel";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { linkVariants } from "@/components/ui/text-link";
import { api, withQuery } from "@/lib/links/paths";
import { jobViewParams } from "@/lib/links/view-params";
import { errorInfo } from "@/lib/queries/api-fetch";
import { batchQueries } from "@/lib/queries/batch";
import type { TaskRow } from "@/lib/schemas/tasks";
import { taskColumns, taskSearchText } from "./task-columns";
import { TaskFilters } from "./task-filters";
import { sortingFrom, taskApiQuery, useTaskOutcome, windowApplies } from "./task-query";

const PAGE_SIZE = 50;
const NO_TASKS: TaskRow[] = [];

/**
 * A job's tasks, filtered by outcome, state, category, node and exit code and by the page's window (all in
 * the URL), sorted by any column (the loaded page; the sort is in the URL too), and paged: a job of
 * 100,000 tasks is read a page at a time, never whole. The window is about end times: it applies to tasks
 * that ended, and "all" adds the tasks that have not ended yet.
 */
export function TaskTable({ account, jobId }: { account: string; jobId: string }) {
  const [f, setF] = useQueryStates(jobViewParams);
  const outcome = useTaskOutcome(account, jobId, f.outcome);
  const [cursors, setCursors] = useState<string[]>([]);
  const filterKey = JSON.stringify([f.state, f.category, f.node, f.exitCode, f.window, f.from, f.to, outcome]);
  const [lastKey, setLastKey] = useState(filterKey);
  if (lastKey !== filterKey) {
    setLastKey(filterKey);
    setCursors([]);
  }
  const query = taskApiQuery(f, outcome, PAGE_SIZE, cursors.at(-1));
  const { data, error, isPending, isPlaceholderData } = useQuery(batchQueries.tasks(account, jobId, query));
  const apiError = errorInfo(error);
  const [find, setFind] = useState("");
  const columns = useMemo(() => taskColumns(account, jobId), [account, jobId]);
  const table = useDataTable({
    data: data?.tasks ?? NO_TASKS,
    columns,
    rowId: (t) => t.id,
    filterText: taskSearchText,
    filter: find,
    sorting: sortingFrom(f),
    onSortingChange: (next) => void setF({ tsort: next[0]?.id ?? null, tdir: next[0] ? (next[0].desc ? "desc" : "asc") : null }),
  });
  // The download takes every page of the same filter, so the page size and cursor stay out of its link.
  const exportQuery = Object.fromEntries(Object.entries(query).filter(([k]) => k !== "pageSize" && k !== "cursor"));
  return (
    <Panel
      id="tasks"
      title="Tasks"
      {...(data ? { asOf: data.asOf } : {})}
      {...(apiError ? { error: apiError } : {})}
      actions={
        <a href={withQuery(api.tasks(account, jobId), { ...exportQuery, format: "csv" })} download className={linkVariants()}>
          Download CSV
        </a>
      }
    >
      <TaskFilters outcome={outcome} />
      {windowApplies(f, outcome) && (
        <p className="text-xs text-slate-600 dark:text-slate-300">
          {outcome === "all" && !f.category && !f.state
            ? "Showing tasks that ended in the selected window, and tasks not ended yet."
            : "Showing tasks that ended in the selected window."}
        </p>
      )}
      {isPending && <Loading what="tasks" />}
      {!data && apiError && <ApiErrorBanner error={apiError} />}
      {data && (
        <>
          <FilterInput
            label="Find on this page"
            value={find}
            onChange={setFind}
            placeholder="id, state, category, code, node"
            hint="Finds tasks on this page by task id, state or result (failed, succeeded), category, exit or failure code, or node id"
          />
          <DataTable
            table={table}
            columns={columns}
            busy={isPlaceholderData}
            empty={data.tasks.length > 0 ? `No task on this page matches “${find}”.` : undefined}
          />
          {data.tasks.length === 0 && <p className="text-slate-600 dark:text-slate-300">No task matches these filters.</p>}
          <div className="flex items-center gap-3 text-sm">
            <span className="text-slate-600 dark:text-slate-300" aria-live="polite">
              Page {cursors.length + 1} ·{" "}
              {isPlaceholderData
                ? "loading…"
                : `${data.tasks.length} tasks · ${data.batchPagesRead} Batch ${data.batchPagesRead === 1 ? "page" : "pages"} read`}
              {(cursors.length > 0 || data.nextCursor) && " · sorted within this page: Batch lists tasks in its own order, so later pages may hold newer ones"}
            </span>
            {cursors.length > 0 && <Button onClick={() => setCursors((c) => c.slice(0, -1))}>Previous page</Button>}
            {data.nextCursor && <Button onClick={() => setCursors((c) => [...c, data.nextCursor!])}>Next page</Button>}
          </div>
        </>
      )}
    </Panel>
  );
}
