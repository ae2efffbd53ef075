"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useQueryStates } from "nuqs";
import { useState } from "react";
import { CategoryBadge, TaskStateBadge } from "@/components/ui/badges";
import { Loading, Panel } from "@/components/ui/panel";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { formatTime } from "@/lib/format";
import { paths } from "@/lib/links/paths";
import { jobViewParams, windowQuery } from "@/lib/links/view-params";
import { errorInfo } from "@/lib/queries/api-fetch";
import { batchQueries } from "@/lib/queries/batch";
import { TaskFilters } from "./task-filters";

const PAGE_SIZE = 50;

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
  return (
    <Panel id="tasks" title="Tasks" {...(data ? { asOf: data.asOf } : {})} {...(apiError ? { error: apiError } : {})}>
      <TaskFilters />
      {ended && <p className="text-xs text-slate-500">Showing tasks that ended in the selected window.</p>}
      {isPending && <Loading what="tasks" />}
      {!data && apiError && <ApiErrorBanner error={apiError} />}
      {data && (
        <>
          <div className="overflow-x-auto">
            <table className={`w-full text-sm ${isPlaceholderData ? "opacity-60" : ""}`} aria-busy={isPlaceholderData}>
              <thead className="text-left text-slate-600 dark:text-slate-300">
                <tr>
                  <th scope="col" className="px-2 py-1">Task</th>
                  <th scope="col" className="px-2 py-1">State</th>
                  <th scope="col" className="px-2 py-1">Category</th>
                  <th scope="col" className="px-2 py-1 text-right">Exit code</th>
                  <th scope="col" className="px-2 py-1">Failure code</th>
                  <th scope="col" className="px-2 py-1">Node</th>
                  <th scope="col" className="px-2 py-1">Ended</th>
                  <th scope="col" className="px-2 py-1 text-right">Retries / requeues</th>
                </tr>
              </thead>
              <tbody>
                {data.tasks.map((t) => (
                  <tr key={t.id} className="border-t border-slate-200 dark:border-slate-800">
                    <th scope="row" className="px-2 py-1 text-left font-mono font-normal whitespace-nowrap">
                      <Link prefetch={false} className="text-blue-700 hover:underline dark:text-blue-300" href={paths.task(account, jobId, t.id)}>
                        {t.id}
                      </Link>
                    </th>
                    <td className="px-2 py-1">
                      <TaskStateBadge state={t.state} outcome={t.classification.outcome} />
                    </td>
                    <td className="px-2 py-1">{t.classification.category ? <CategoryBadge category={t.classification.category} /> : null}</td>
                    <td className="px-2 py-1 text-right font-mono tabular-nums" title={t.classification.exitCodeMeaning}>
                      {t.exitCode ?? ""}
                    </td>
                    <td className="px-2 py-1 font-mono text-xs">{t.failureCode ?? ""}</td>
                    <td className="px-2 py-1 font-mono text-xs">
                      {t.nodeId && t.poolId ? (
                        <Link prefetch={false} className="text-blue-700 hover:underline dark:text-blue-300" href={paths.node(account, t.poolId, t.nodeId)}>
                          {t.nodeId}
                        </Link>
                      ) : null}
                    </td>
                    <td className="px-2 py-1 whitespace-nowrap">{t.endTime ? formatTime(t.endTime) : ""}</td>
                    <td className="px-2 py-1 text-right tabular-nums">
                      {t.retryCount} /{" "}
                      <span data-testid="task-requeues" className={t.requeueCount > 0 ? "font-semibold text-amber-800 dark:text-amber-300" : undefined} title={t.requeueCount > 0 ? "requeued: its node was rebooted, reimaged, removed, disabled or preempted" : undefined}>
                        {t.requeueCount}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {data.tasks.length === 0 && <p className="text-slate-500">No task matches these filters.</p>}
          <div className="flex items-center gap-3 text-sm">
            <span className="text-slate-500" aria-live="polite">
              Page {cursors.length + 1} · {isPlaceholderData ? "loading…" : `${data.tasks.length} tasks · ${data.batchPagesRead} Batch page(s) read`}
            </span>
            {cursors.length > 0 && (
              <button type="button" className="rounded border border-slate-300 px-2 py-0.5 dark:border-slate-700" onClick={() => setCursors((c) => c.slice(0, -1))}>
                Previous page
              </button>
            )}
            {data.nextCursor && (
              <button type="button" className="rounded border border-slate-300 px-2 py-0.5 dark:border-slate-700" onClick={() => setCursors((c) => [...c, data.nextCursor!])}>
                Next page
              </button>
            )}
          </div>
        </>
      )}
    </Panel>
  );
}
