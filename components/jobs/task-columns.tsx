import { CategoryBadge, TaskStateBadge, taskStateText } from "@/components/ui/badges";
import type { TableColumn } from "@/components/ui/table";
import { IdCell, NODE_ID_CUT } from "@/components/ui/truncated-id";
import { formatTime } from "@/lib/format";
import { paths } from "@/lib/links/paths";
import type { TaskRow } from "@/lib/schemas/tasks";

/**
 * What the page's text filter matches a task on: what its row shows. The state is searched as the badge
 * reads ("completed: failed") and without the colon ("completed failed"), so "failed" finds failed tasks.
 */
export function taskSearchText(t: TaskRow): string {
  const shown = taskStateText(t.state, t.classification.outcome);
  const state = shown === t.state ? shown : `${shown} ${shown.replace(":", "")}`;
  return [t.id, state, t.classification.category ?? "", t.failureCode ?? "", t.nodeId ?? "", String(t.exitCode ?? "")].join(" ");
}

/** The job's task table: every column sorts the loaded page (ids in natural order). */
export function taskColumns(account: string, jobId: string): TableColumn<TaskRow>[] {
  return [
    {
      id: "task",
      header: "Task",
      rowHeader: true,
      sortValue: (t) => t.id,
      cell: (t) => <IdCell id={t.id} what="task" href={paths.task(account, jobId, t.id)} head={16} tail={8} />,
    },
    {
      id: "state",
      header: "State",
      sortValue: (t) => t.state,
      cell: (t) => <TaskStateBadge state={t.state} outcome={t.classification.outcome} />,
    },
    {
      id: "category",
      header: "Category",
      sortValue: (t) => t.classification.category,
      cell: (t) => (t.classification.category ? <CategoryBadge category={t.classification.category} /> : null),
    },
    {
      id: "exit",
      header: "Exit code",
      align: "right",
      sortValue: (t) => t.exitCode,
      className: "font-mono",
      cell: (t) => <span title={t.classification.exitCodeMeaning}>{t.exitCode ?? ""}</span>,
    },
    {
      id: "failure",
      header: "Failure code",
      sortValue: (t) => t.failureCode,
      className: "font-mono text-xs",
      cell: (t) => t.failureCode ?? "",
    },
    {
      id: "node",
      header: "Node",
      sortValue: (t) => t.nodeId,
      className: "text-xs",
      cell: (t) => (t.nodeId && t.poolId ? <IdCell id={t.nodeId} what="node" href={paths.node(account, t.poolId, t.nodeId)} {...NODE_ID_CUT} /> : null),
    },
    {
      id: "ended",
      header: "Ended",
      sortValue: (t) => t.endTime,
      descFirst: true,
      className: "w-28 text-xs",
      cell: (t) => (t.endTime ? formatTime(t.endTime) : ""),
    },
    {
      id: "retries",
      header: "Retries / requeues",
      align: "right",
      descFirst: true,
      sortValue: (t) => t.retryCount + t.requeueCount,
      cell: (t) => (
        <span className="whitespace-nowrap">
          {t.retryCount} /{" "}
          <span
            data-testid="task-requeues"
            className={t.requeueCount > 0 ? "font-semibold text-amber-800 dark:text-amber-300" : undefined}
            title={t.requeueCount > 0 ? "requeued: its node was rebooted, reimaged, removed, disabled or preempted" : undefined}
          >
            {t.requeueCount}
          </span>
        </span>
      ),
    },
  ];
}
