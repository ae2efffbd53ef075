"use client";

import Link from "next/link";
import { useMemo } from "react";
import { CategoryBadge, TaskStateBadge } from "@/components/ui/badges";
import { cn } from "@/components/ui/cn";
import { DataTable, useDataTable, type TableColumn } from "@/components/ui/table";
import { IdCell, TruncatedId } from "@/components/ui/truncated-id";
import { formatClock, formatTime } from "@/lib/format";
import { paths } from "@/lib/links/paths";
import type { NodeDetailResponse } from "@/lib/schemas/nodes";
import { failureStrip } from "@/lib/display/node-facts";

type RecentTask = NodeDetailResponse["node"]["recentTasks"][number];

/** The failed recent tasks on a line by end time: clustered marks mean the node went bad at that moment. */
export function FailureStrip({ account, tasks, asOf }: { account: string; tasks: RecentTask[]; asOf: string }) {
  const strip = failureStrip(tasks, Date.parse(asOf));
  return (
    <figure className="space-y-1" data-testid="failure-strip">
      <figcaption className="text-sm text-slate-600 dark:text-slate-400">
        {strip.marks.length} of {tasks.length} recent tasks failed, by end time ({formatTime(strip.fromMs)} to {formatClock(strip.toMs)} UTC)
      </figcaption>
      <div className="relative h-8 rounded bg-slate-100 dark:bg-slate-900">
        {strip.marks.map((m) => (
          <Link
            key={`${m.task.jobId}/${m.task.taskId}`}
            href={paths.task(account, m.task.jobId, m.task.taskId)}
            aria-label={`${m.task.taskId} failed at ${formatTime(m.task.endTime)}${m.task.category ? `: ${m.task.category}` : ""}`}
            title={`${m.task.taskId} · ${m.task.category ?? "failed"} · ${formatTime(m.task.endTime)}`}
            className={cn(
              "absolute top-1 h-6 w-2 -translate-x-1/2 rounded-sm bg-red-700 hover:bg-red-500 dark:bg-red-400",
              "focus:outline-2 focus:outline-offset-2 focus:outline-blue-600",
            )}
            style={{ left: `${(m.at * 100).toFixed(2)}%` }}
          />
        ))}
      </div>
    </figure>
  );
}

function recentTaskColumns(account: string): TableColumn<RecentTask>[] {
  return [
    {
      id: "task",
      header: "Task",
      rowHeader: true,
      sortValue: (t) => t.taskId,
      cell: (t) => <IdCell id={t.taskId} what="task" href={paths.task(account, t.jobId, t.taskId)} head={16} tail={8} />,
    },
    {
      id: "job",
      header: "Job",
      sortValue: (t) => t.jobId,
      cell: (t) => <TruncatedId id={t.jobId} head={16} tail={8} className="font-mono" />,
    },
    { id: "state", header: "State", sortValue: (t) => t.state, cell: (t) => <TaskStateBadge state={t.state} outcome={t.outcome} /> },
    {
      id: "category",
      header: "Category",
      sortValue: (t) => t.category,
      cell: (t) => (
        <>
          {t.category ? <CategoryBadge category={t.category} /> : <span className="text-slate-500 dark:text-slate-400">—</span>}
          {t.failureCode && <span className="ml-2 font-mono text-xs">{t.failureCode}</span>}
        </>
      ),
    },
    {
      id: "exit",
      header: "Exit code",
      align: "right",
      sortValue: (t) => t.exitCode,
      className: "font-mono",
      cell: (t) => t.exitCode ?? "—",
    },
    {
      id: "ended",
      header: "Ended",
      sortValue: (t) => t.endTime,
      descFirst: true,
      className: "whitespace-nowrap",
      cell: (t) => formatTime(t.endTime),
    },
  ];
}

/** The node's recent tasks (Batch keeps the last few), each linked to its task page. */
export function RecentTasks({ account, tasks }: { account: string; tasks: RecentTask[] }) {
  const columns = useMemo(() => recentTaskColumns(account), [account]);
  const table = useDataTable({ data: tasks, columns, rowId: (t) => `${t.jobId}/${t.taskId}` });
  if (tasks.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">Batch lists no recent tasks for this node.</p>;
  return <DataTable table={table} columns={columns} testId="recent-tasks" />;
}
