"use client";

import { useQuery } from "@tanstack/react-query";
import { useQueryStates } from "nuqs";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { FilterInput } from "@/components/ui/filter-input";
import { DataTable, useDataTable } from "@/components/ui/table";
import { Loading, Panel } from "@/components/ui/panel";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { jobViewParams, windowQuery } from "@/lib/links/view-params";
import { errorInfo } from "@/lib/queries/api-fetch";
import { batchQueries } from "@/lib/queries/batch";
import type { TaskRow } from "@/lib/schemas/tasks";
import { taskColumns, taskSearchText } from "./task-columns";
import { TaskFilters } from "./task-filters";

const PAGE_SIZE = 50;
const NO_TASKS: TaskRow[] = [];

/**
 * A job's tasks, filtered by state, category, node and exit code (in the URL) and paged: a job of 100,000
 * tasks is read a page at a time, never whole. The window applies when a category or completed state is
 * asked for, since those are about tasks that ended.
 */
export function TaskTable({ account, jobId }: { account: string; jobId: string }) {
  const [f] = useQueryStates(jobViewParams);
  const [cursors, setCursors] = useState<string[]>([]);
  const filterKey = JSON.stringify([f.state, f.category, f.node, f.exitCode, f.window, f.from, f.to]);
  const [lastKey, setLastKey] = useState(filterKey);
  if (lastKey !== filterKey) {
    setLastKey(filterKey);
    setCursors([]);
  }
  const cursor = cursors.at(-1);
  const ended = f.category !== null || f.state === "completed";
  const query = {
    ...(f.state ? { state: f.state } : {}),
    ...(f.category ? { category: f.category } : {}),
    ...(f.node ? { nodeId: f.node } : {}),
    ...(f.exitCode !== null ? { exitCode: f.exitCode } : {}),
    ...(ended ? windowQuery(f) : {}),
    pageSize: PAGE_SIZE,
    ...(cursor ? { cursor } : {}),
  };
  const { data, error, isPending, isPlaceholderData } = useQuery(batchQueries.tasks(account, jobId, query));
  const apiError = errorInfo(error);
  const [find, setFind] = useState("");
  const columns = useMemo(() => taskColumns(account, jobId), [account, jobId]);
  const table = useDataTable({ data: data?.tasks ?? NO_TASKS, columns, rowId: (t) => t.id, filterText: taskSearchText, filter: find });
  return (
    <Panel id="tasks" title="Tasks" {...(data ? { asOf: data.asOf } : {})} {...(apiError ? { error: apiError } : {})}>
      <TaskFilters />
      {ended && <p className="text-xs text-slate-600 dark:text-slate-300">Showing tasks that ended in the selected window.</p>}
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
              Page {cursors.length + 1} · {isPlaceholderData ? "loading…" : `${data.tasks.length} tasks · ${data.batchPagesRead} Batch page(s) read`}
            </span>
            {cursors.length > 0 && <Button onClick={() => setCursors((c) => c.slice(0, -1))}>Previous page</Button>}
            {data.nextCursor && <Button onClick={() => setCursors((c) => [...c, data.nextCursor!])}>Next page</Button>}
          </div>
        </>
      )}
    </Panel>
  );
}
