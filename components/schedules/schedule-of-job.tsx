"use client";

import { useQuery } from "@tanstack/react-query";
import { formatTime } from "@/lib/format";
import { paths } from "@/lib/links/paths";
import { describeRecurrence, scheduleOfJob } from "@/lib/links/scheduled-job";
import { errorInfo } from "@/lib/queries/api-fetch";
import { batchQueries } from "@/lib/queries/batch";
import { TextLink } from "@/components/ui/text-link";

/**
 * On a job created by a job schedule: which schedule, confirmed by reading it (the job itself does not
 * name it, only its id does), how often it runs and when next; a deleted schedule is said to be gone.
 */
export function ScheduleOfJob({ account, jobId }: { account: string; jobId: string }) {
  const from = scheduleOfJob(jobId);
  const { data, error } = useQuery({ ...batchQueries.jobSchedule(account, from?.scheduleId ?? ""), enabled: from !== undefined });
  if (!from) return null;
  const apiError = errorInfo(error);
  const s = data?.schedule;
  return (
    <p className="rounded border border-slate-200 px-3 py-2 text-sm dark:border-slate-800" data-testid="job-schedule">
      Run {from.run} of job schedule{" "}
      {apiError?.kind === "notFound" ? (
        <>
          <span className="font-mono">{from.scheduleId}</span>, which no longer exists ({apiError.code}).
        </>
      ) : (
        <>
          <TextLink className="font-mono" href={paths.jobSchedule(account, from.scheduleId)}>
            {from.scheduleId}
          </TextLink>
          {s && (
            <span className="text-slate-600 dark:text-slate-300">
              {" "}
              · {s.state} · runs {describeRecurrence(s.recurrenceInterval)}
              {s.nextRunTime ? ` · next run ${formatTime(s.nextRunTime)}` : ""}
              {s.recentJob && s.recentJob.id !== jobId ? ` · a later run exists: ${s.recentJob.id}` : ""}
            </span>
          )}
          {apiError && !s && <span className="text-slate-600 dark:text-slate-300"> (could not be read: {apiError.code ?? apiError.message})</span>}
        </>
      )}
    </p>
  );
}
