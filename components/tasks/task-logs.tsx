"use client";

import { useQuery } from "@tanstack/react-query";
import { LogTail } from "@/components/logs/log-tail";
import { Loading, Panel } from "@/components/ui/panel";
import { api, paths } from "@/lib/links/paths";
import { errorInfo } from "@/lib/queries/api-fetch";
import { batchQueries } from "@/lib/queries/batch";
import type { ApiErrorInfo } from "@/lib/schemas/api-error";
import type { TaskDetail } from "@/lib/schemas/tasks";
import { SavedStderr } from "./saved-stderr";

/** Why Batch has no files for a task, in words; the code stays beside it. */
const FILES_GONE: Record<string, string> = {
  TaskFilesCleanedup: "Batch deleted this task's directory on the node when its retention time ran out.",
  TaskFilesUnavailable: "The node that ran this task is not reachable or no longer has its directory (node removed, reimaged or offline).",
  NodeNotFound: "The node that ran this task is gone, and its files went with it.",
  TaskNotFound: "The task no longer exists.",
};

function filesGone(e: ApiErrorInfo | undefined): e is ApiErrorInfo {
  return e !== undefined && (e.kind === "conflict" || e.kind === "notFound");
}

/** stderr first (it says why), then stdout, then the upload log when the upload is what failed. */
export function TaskLogs({ account, task }: { account: string; task: TaskDetail }) {
  const live = task.state !== "completed";
  const q = useQuery({ ...batchQueries.taskFiles(account, task.jobId, task.id), ...(live ? {} : { refetchInterval: false as const }) });
  const err = errorInfo(q.error);
  const names = ["stderr.txt", "stdout.txt", ...(task.classification.category === "FileUpload" ? ["fileuploaderr.txt"] : [])];
  return (
    <Panel id="logs" title="Logs" asOf={q.data?.asOf} {...(err && !filesGone(err) ? { error: err } : {})}>
      {q.isPending ? (
        <Loading what="the task's files" />
      ) : filesGone(err) ? (
        <div className="space-y-2">
          <p className="text-sm" data-testid="files-gone">
            {FILES_GONE[err.code ?? ""] ?? "Batch has no files for this task."}{" "}
            <span className="font-mono text-xs text-slate-600 dark:text-slate-400">
              ({err.code ?? err.kind}
              {err.requestId ? ` · request-id ${err.requestId}` : ""})
            </span>
          </p>
          {task.nodeId && (
            <SavedStderr account={account} {...(task.poolId ? { poolId: task.poolId } : {})} nodeId={task.nodeId} jobId={task.jobId} taskId={task.id} />
          )}
        </div>
      ) : !q.data ? null : (
        <div className="space-y-4">
          {names.map((name) => {
            const f = q.data.files.find((x) => x.name === name && !x.isDirectory);
            if (!f) {
              if (name === "fileuploaderr.txt") return null;
              return (
                <p key={name} className="text-sm text-slate-600 dark:text-slate-400">
                  <span className="font-mono">{name}</span> does not exist
                  {task.startTime === undefined || task.classification.category === "PreProcessing"
                    ? ": the command line never started, so it wrote no output."
                    : "."}
                </p>
              );
            }
            if (f.size === 0)
              return (
                <p key={name} className="text-sm text-slate-600 dark:text-slate-400" data-testid={`tail-${name}`}>
                  <span className="font-mono">{name}</span> is empty (0 B).
                </p>
              );
            return (
              <LogTail
                key={name}
                name={name}
                url={api.taskFile(account, task.jobId, task.id, name)}
                href={paths.taskFile(account, task.jobId, task.id, name)}
                {...(f.size !== undefined ? { size: f.size } : {})}
                live={live}
              />
            );
          })}
        </div>
      )}
    </Panel>
  );
}
