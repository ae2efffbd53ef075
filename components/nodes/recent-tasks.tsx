"use client";

import { useMemo } from "react";
import { CategoryBadge, TaskStateBadge } from "@/components/ui/badges";
import { Panel } from "@/components/ui/panel";
import { DataTable, useDataTable, type TableColumn } from "@/components/ui/table";
import { taskIdColumns } from "./task-id-columns";
import { formatTime } from "@/lib/format";
import type { ApiErrorInfo } from "@/lib/schemas/api-error";
import type { NodeDetailResponse } from "@/lib/schemas/nodes";
import { byLatestKnown } from "@/lib/display/recent-tasks";

type RecentTask = NodeDetailResponse["node"]["recentTasks"][number];

function recentTaskColumns(account: string): TableColumn<RecentTask>[] {
  return [
    ...taskIdColumns<RecentTask>(account),
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

/**
 * The node's recent tasks as Batch keeps them (its last few, of any job and outcome), each linked to its
 * task page, latest first by what is known (end time, else start time): not the node's failures, which the
 * failures panel lists from the pool's tasks.
 */
export function RecentTasks({ account, tasks }: { account: string; tasks: RecentTask[] }) {
  const columns = useMemo(() => recentTaskColumns(account), [account]);
  const sorted = useMemo(() => byLatestKnown(tasks), [tasks]);
  const table = useDataTable({ data: sorted, columns, rowId: (t) => `${t.jobId}/${t.taskId}` });
  if (tasks.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">Batch lists no recent tasks for this node.</p>;
  return <DataTable table={table} columns={columns} testId="recent-tasks" />;
}

/** Batch's recent tasks of the node, said to be what they are: its last few tasks, not its failures. */
export function RecentTasksPanel({ account, tasks, asOf, error }: { account: string; tasks: RecentTask[]; asOf: string; error: ApiErrorInfo | undefined }) {
  return (
    <Panel id="recent-tasks" title="Batch's last few tasks on this node" asOf={asOf} {...(error ? { error } : {})}>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        Batch keeps only a node&apos;s last few tasks, of any job and outcome; latest first by end time, else start time. The node&apos;s failures are listed
        above.
      </p>
      <RecentTasks account={account} tasks={tasks} />
    </Panel>
  );
}
