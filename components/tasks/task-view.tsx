"use client";

import { useQuery } from "@tanstack/react-query";
import { TaskStateBadge } from "@/components/ui/badges";
import { CopyButton } from "@/components/ui/copy-buttons";
import { useTicketActions } from "@/components/ui/use-ticket-actions";
import { GonePanel, isGone } from "@/components/ui/gone";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { Loading, Panel } from "@/components/ui/panel";
import { RefreshControl } from "@/components/ui/refresh-control";
import { SaveSnapshotButton } from "@/components/ui/save-snapshot";
import { TicketButtons } from "@/components/ui/ticket-buttons";
import { TextLink } from "@/components/ui/text-link";
import { api, paths } from "@/lib/links/paths";
import { ticketMarkdown } from "@/lib/links/ticket";
import { errorInfo } from "@/lib/queries/api-fetch";
import { batchQueries } from "@/lib/queries/batch";
import { fileTailQuery } from "@/lib/queries/file-tail";
import { nextRefreshMs } from "@/lib/queries/refresh";
import type { TaskDetail } from "@/lib/schemas/tasks";
import { taskTicket } from "@/lib/display/task-facts";
import { TaskFileSpecs, TaskTimings, TaskWhere } from "./task-facts-panels";
import { TAIL_BYTES } from "@/components/logs/log-tail";
import { TaskLogs } from "./task-logs";
import { VerdictBox } from "./verdict-box";

/** One task, answer first: why it failed, then when and where, then the last lines of its logs. */
export function TaskView({ account, jobId, taskId }: { account: string; jobId: string; taskId: string }) {
  const q = useQuery({
    ...batchQueries.task(account, jobId, taskId),
    // A completed task no longer changes: stop polling it (a manual refresh still works).
    refetchInterval: (query) => (query.state.data?.task.state === "completed" ? false : nextRefreshMs(query.state.error)),
  });
  const err = errorInfo(q.error);
  if (q.isPending) return <Loading what={`task ${taskId}`} />;
  if (!q.data) {
    if (isGone(err) && err?.code === "JobNotFound")
      return (
        <GonePanel
          what="Job"
          id={jobId}
          explanation="The job was deleted, and its tasks with it."
          parent={{ href: paths.account(account), label: `Go to account ${account}` }}
          error={err}
        />
      );
    if (isGone(err))
      return (
        <GonePanel
          what="Task"
          id={taskId}
          explanation={`Job ${jobId} has no task with this id: it was deleted, or the link is wrong.`}
          parent={{ href: paths.job(account, jobId), label: `Go to job ${jobId}` }}
          error={err}
        />
      );
    return err ? <ApiErrorBanner error={err} /> : null;
  }
  const { task, asOf } = q.data;
  const stale = err ? { error: err } : {};
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold">
          Task <span className="font-mono">{task.id}</span>
          <TaskStateBadge state={task.state} outcome={task.classification.outcome} />
        </h1>
        <div className="flex flex-wrap items-center gap-2">
          {task.classification.outcome === "failed" && <TextLink href={paths.compare(account, jobId, task.id)}>Compare with a succeeded task</TextLink>}
          <RefreshControl />
          <CopyButton label="Copy link" text={() => location.href} testId="copy-link" />
          <SaveSnapshotButton account={account} />
          <TaskTicketButton account={account} task={task} />
        </div>
      </div>
      {task.displayName && <p className="text-slate-600 dark:text-slate-400">{task.displayName}</p>}
      <Panel id="verdict" title={task.classification.outcome === "failed" ? "Why it failed" : "Outcome"} asOf={asOf} {...stale}>
        <VerdictBox task={task} />
      </Panel>
      <div className="grid gap-4 lg:grid-cols-2">
        <Panel id="timings" title="State and timings" asOf={asOf} {...stale}>
          <TaskTimings task={task} asOf={asOf} />
        </Panel>
        <Panel id="where" title="Where and what" asOf={asOf} {...stale}>
          <TaskWhere account={account} task={task} />
        </Panel>
      </div>
      <TaskLogs account={account} task={task} />
      <Panel id="files" title="Resource and output files" asOf={asOf} {...stale}>
        <TaskFileSpecs task={task} />
      </Panel>
    </div>
  );
}

/**
 * The task's ticket: its facts, the last meaningful lines of its stderr (the tail the logs panel reads, so no
 * second read), and what was done to its node, from the audit log.
 */
function TaskTicketButton({ account, task }: { account: string; task: TaskDetail }) {
  const stderrUrl = api.taskFile(account, task.jobId, task.id, "stderr.txt");
  const live = task.state !== "completed";
  const stderr = useQuery({
    ...fileTailQuery(stderrUrl, TAIL_BYTES),
    enabled: task.startTime !== undefined,
    retry: false,
    ...(live ? {} : { refetchInterval: false as const }),
  }).data;
  const actions = useTicketActions(account, task.poolId, task.nodeId ? [task.nodeId] : []);
  const text = (snapshot?: string) =>
    ticketMarkdown({
      ...taskTicket(account, task, location.href),
      ...(snapshot ? { snapshot } : {}),
      ...(stderr
        ? { stderr: { name: "stderr.txt", text: stderr.text, link: new URL(paths.taskFile(account, task.jobId, task.id, "stderr.txt"), location.origin).href } }
        : {}),
      ...(actions ? { actions } : {}),
    });
  return <TicketButtons account={account} text={text} />;
}
