"use client";

import { useQuery } from "@tanstack/react-query";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { GonePanel, isGone } from "@/components/ui/gone";
import { Loading, Panel } from "@/components/ui/panel";
import { formatTime } from "@/lib/format";
import { paths } from "@/lib/links/paths";
import { errorInfo } from "@/lib/queries/api-fetch";
import { batchQueries } from "@/lib/queries/batch";
import { TextLink } from "@/components/ui/text-link";

const COUNTS = [
  ["active", "Active"],
  ["running", "Running"],
  ["succeeded", "Succeeded"],
  ["failed", "Failed"],
  ["completed", "Completed"],
] as const;

/** The job's identity and task counts; a deleted job says so and offers the account. */
export function JobHeader({ account, jobId, children }: { account: string; jobId: string; children: React.ReactNode }) {
  const { data, error, isPending } = useQuery(batchQueries.job(account, jobId));
  const apiError = errorInfo(error);
  if (isPending) return <Loading what="job" />;
  if (!data) {
    if (apiError && isGone(apiError))
      return (
        <GonePanel
          what="Job"
          id={jobId}
          explanation="The job was deleted, or this link names a job this account never had. Its tasks and their files are gone with it."
          parent={{ href: paths.account(account), label: `Back to account ${account}` }}
          error={apiError}
        />
      );
    return apiError ? <ApiErrorBanner error={apiError} /> : null;
  }
  const job = data.job;
  return (
    <>
      <Panel id="job" title={<span className="font-mono">{job.id}</span>} asOf={data.asOf} {...(apiError ? { error: apiError } : {})}>
        <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm md:grid-cols-4">
          <div>
            <dt className="text-slate-600 dark:text-slate-300">State</dt>
            <dd data-testid="job-state">{job.state}</dd>
          </div>
          <div>
            <dt className="text-slate-600 dark:text-slate-300">Pool</dt>
            <dd className="font-mono">{job.poolId ? <TextLink href={paths.pool(account, job.poolId)}>{job.poolId}</TextLink> : "—"}</dd>
          </div>
          <div>
            <dt className="text-slate-600 dark:text-slate-300">Created</dt>
            <dd>{formatTime(job.creationTime)}</dd>
          </div>
          <div>
            <dt className="text-slate-600 dark:text-slate-300">Priority · retries</dt>
            <dd>
              {job.priority} · max {job.maxTaskRetryCount ?? 0} retries
            </dd>
          </div>
          {job.displayName && (
            <div className="col-span-2">
              <dt className="text-slate-600 dark:text-slate-300">Name</dt>
              <dd>{job.displayName}</dd>
            </div>
          )}
          {job.terminateReason && (
            <div className="col-span-2">
              <dt className="text-slate-600 dark:text-slate-300">Ended</dt>
              <dd>
                {formatTime(job.endTime)} ({job.terminateReason})
              </dd>
            </div>
          )}
        </dl>
        <ul className="mt-3 flex flex-wrap gap-4" data-testid="task-counts">
          {COUNTS.map(([key, label]) => (
            <li key={key} className="rounded border border-slate-200 px-3 py-1 dark:border-slate-800">
              <span className="block text-xs text-slate-600 dark:text-slate-300">{label}</span>
              <span className={`text-lg font-semibold tabular-nums ${key === "failed" && job.taskCounts.failed > 0 ? "text-red-700 dark:text-red-300" : ""}`}>
                {job.taskCounts[key]}
              </span>
            </li>
          ))}
        </ul>
        {/* Batch's own counts trail its tasks, by minutes in recordings (docs/real-service.md); the heatmap and task list read tasks. */}
        <p className="mt-2 text-xs text-slate-500 dark:text-slate-400" data-testid="task-counts-note">
          Task counts as Batch keeps them; they can lag behind the tasks by a few minutes. Failures below are read from the tasks themselves.
        </p>
      </Panel>
      {children}
    </>
  );
}
