import Link from "next/link";
import { CategoryBadge, TaskStateBadge } from "@/components/ui/badges";
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
            className="absolute top-1 h-6 w-2 -translate-x-1/2 rounded-sm bg-red-700 hover:bg-red-500 focus:outline-2 focus:outline-offset-2 focus:outline-blue-600 dark:bg-red-400"
            style={{ left: `${(m.at * 100).toFixed(2)}%` }}
          />
        ))}
      </div>
    </figure>
  );
}

/** The node's recent tasks (Batch keeps the last few), each linked to its task page. */
export function RecentTasks({ account, tasks }: { account: string; tasks: RecentTask[] }) {
  if (tasks.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">Batch lists no recent tasks for this node.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="recent-tasks">
        <thead className="text-left">
          <tr className="border-b border-slate-200 dark:border-slate-800">
            <th scope="col" className="px-2 py-1">Task</th>
            <th scope="col" className="px-2 py-1">Job</th>
            <th scope="col" className="px-2 py-1">State</th>
            <th scope="col" className="px-2 py-1">Category</th>
            <th scope="col" className="px-2 py-1 text-right">Exit code</th>
            <th scope="col" className="px-2 py-1">Ended</th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((t) => (
            <tr key={`${t.jobId}/${t.taskId}`} className="border-b border-slate-100 dark:border-slate-900">
              <th scope="row" className="px-2 py-1 text-left font-mono font-normal">
                <Link prefetch={false} className="text-blue-700 underline dark:text-blue-300" href={paths.task(account, t.jobId, t.taskId)}>
                  {t.taskId}
                </Link>
              </th>
              <td className="px-2 py-1 font-mono">{t.jobId}</td>
              <td className="px-2 py-1">
                <TaskStateBadge state={t.state} outcome={t.outcome} />
              </td>
              <td className="px-2 py-1">
                {t.category ? <CategoryBadge category={t.category} /> : <span className="text-slate-500 dark:text-slate-400">—</span>}
                {t.failureCode && <span className="ml-2 font-mono text-xs">{t.failureCode}</span>}
              </td>
              <td className="px-2 py-1 text-right font-mono">{t.exitCode ?? "—"}</td>
              <td className="px-2 py-1">{formatTime(t.endTime)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
