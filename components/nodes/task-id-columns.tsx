import type { TableColumn } from "@/components/ui/table";
import { IdCell, TruncatedId } from "@/components/ui/truncated-id";
import { paths } from "@/lib/links/paths";

/** The task (linked, the row's header) and job columns every task table of the node page starts from. */
export function taskIdColumns<T extends { taskId: string; jobId: string }>(account: string): TableColumn<T>[] {
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
  ];
}
