"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useSignatureQuery } from "@/components/signatures/use-signature-param";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { CategoryBadge } from "@/components/ui/badges";
import { Loading } from "@/components/ui/panel";
import { formatTime } from "@/lib/format";
import { paths } from "@/lib/links/paths";
import { batchQueries } from "@/lib/queries/batch";
import { errorInfo } from "@/lib/queries/api-fetch";
import { rangeLabel } from "./time-axis";
import { CELL_TASKS_ID } from "./use-escape-closes-cell";
import { Button } from "@/components/ui/button";
import type { HeatmapScope } from "./use-heatmap";

/** The failed tasks behind the opened cell, grouped by category, each linking to its task page. */
export function CellTasks({
  account,
  scope,
  windowQ,
  nodeId,
  range,
  notice,
  onClose,
}: {
  account: string;
  scope: HeatmapScope;
  windowQ: Record<string, string>;
  nodeId: string;
  range: { from: number; to: number };
  /** Said above the list: that the cell is no longer in the window shown. */
  notice?: ReactNode;
  onClose: () => void;
}) {
  const q = useQuery(
    batchQueries.cellTasks(account, scope, {
      ...windowQ,
      nodeId,
      cellFrom: new Date(range.from).toISOString(),
      cellTo: new Date(range.to).toISOString(),
      ...useSignatureQuery(),
    }),
  );
  const total = q.data?.groups.reduce((n, g) => n + g.tasks.length, 0) ?? 0;
  const err = errorInfo(q.error);
  return (
    <section
      id={CELL_TASKS_ID}
      aria-labelledby="cell-tasks-heading"
      data-testid="cell-tasks"
      className="space-y-2 rounded-md border border-slate-300 p-3 dark:border-slate-700"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id="cell-tasks-heading" className="font-semibold">
          Failed tasks on <span className="font-mono">{nodeId}</span>, {rangeLabel(range.from, range.to)}
          {q.data && <span className="ml-2 font-normal text-slate-600 dark:text-slate-300">({total})</span>}
        </h3>
        <Button onClick={onClose}>Close</Button>
      </div>
      {notice}
      {err && <ApiErrorBanner error={err} keptData={Boolean(q.data)} />}
      {q.isPending && <Loading what="the tasks of this cell" />}
      {q.data && total === 0 && <p className="text-sm text-slate-600 dark:text-slate-300">No failed tasks ended on this node in this time range.</p>}
      {q.data?.groups.map((g) => (
        <div key={g.category} data-testid={`cell-group-${g.category}`} className="space-y-1">
          <h4 className="flex items-center gap-2 text-sm">
            <CategoryBadge category={g.category} />{" "}
            <span className="tabular-nums">
              {g.tasks.length} {g.tasks.length === 1 ? "task" : "tasks"}
            </span>
          </h4>
          <ul className="grid gap-x-4 text-sm sm:grid-cols-2">
            {g.tasks.map((t) => (
              <li key={`${t.jobId}/${t.taskId}`} className="flex gap-2">
                <Link prefetch={false} href={paths.task(account, t.jobId, t.taskId)} className="font-mono text-blue-700 hover:underline dark:text-blue-300">
                  {t.jobId}/{t.taskId}
                </Link>
                <span className="text-slate-600 dark:text-slate-300">
                  {t.exitCode !== undefined ? `exit ${t.exitCode} · ` : ""}
                  {formatTime(t.endTime).slice(11)}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
