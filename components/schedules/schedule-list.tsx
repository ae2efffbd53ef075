"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { Loading, Panel } from "@/components/ui/panel";
import { formatTime } from "@/lib/format";
import { paths } from "@/lib/links/paths";
import { describeRecurrence } from "@/lib/links/scheduled-job";
import { errorInfo } from "@/lib/queries/api-fetch";
import { batchQueries } from "@/lib/queries/batch";
import type { JobScheduleSummary } from "@/lib/schemas/job-schedules";

const link = "text-blue-700 hover:underline dark:text-blue-300";

/** The account's job schedules: how often each runs, when next, and how its recent job is doing. */
export function JobScheduleList({ account }: { account: string }) {
  const { data, error, isPending } = useQuery(batchQueries.jobSchedules(account));
  const apiError = errorInfo(error);
  return (
    <Panel id="jobschedules" title={`Job schedules${data ? ` (${data.schedules.length})` : ""}`} {...(data ? { asOf: data.asOf } : {})} {...(apiError ? { error: apiError } : {})}>
      {isPending && <Loading what="job schedules" />}
      {!data && apiError && <ApiErrorBanner error={apiError} />}
      {data && data.schedules.length === 0 && <p className="text-slate-500">No job schedules.</p>}
      {data && data.schedules.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="text-left text-slate-600 dark:text-slate-300">
              <tr>
                <th scope="col" className="px-2 py-1">Schedule</th>
                <th scope="col" className="px-2 py-1">State</th>
                <th scope="col" className="px-2 py-1">Runs</th>
                <th scope="col" className="px-2 py-1">Next run</th>
                <th scope="col" className="px-2 py-1">Recent job</th>
                <th scope="col" className="px-2 py-1 text-right">Failed tasks</th>
              </tr>
            </thead>
            <tbody>
              {data.schedules.map((s) => (
                <ScheduleRow key={s.id} account={account} s={s} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

function ScheduleRow({ account, s }: { account: string; s: JobScheduleSummary }) {
  const failed = s.recentJob?.taskCounts?.failed;
  return (
    <tr className="border-t border-slate-200 dark:border-slate-800" data-testid={`schedule-${s.id}`}>
      <th scope="row" className="px-2 py-1 text-left font-mono font-normal whitespace-nowrap">
        <Link className={link} href={paths.jobSchedule(account, s.id)}>
          {s.id}
        </Link>
        {s.displayName && <span className="ml-2 font-sans text-xs text-slate-500">{s.displayName}</span>}
      </th>
      <td className="px-2 py-1">{s.state}</td>
      <td className="px-2 py-1">{describeRecurrence(s.recurrenceInterval)}</td>
      <td className="px-2 py-1 whitespace-nowrap">{s.nextRunTime ? formatTime(s.nextRunTime) : "—"}</td>
      <td className="px-2 py-1 font-mono whitespace-nowrap">
        {s.recentJob ? (
          <Link className={link} href={paths.job(account, s.recentJob.id)}>
            {s.recentJob.id}
          </Link>
        ) : (
          "—"
        )}
      </td>
      <td className="px-2 py-1 text-right tabular-nums">
        {failed === undefined ? "—" : <span className={failed > 0 ? "font-semibold text-red-700 dark:text-red-300" : "text-slate-400"}>{failed}</span>}
      </td>
    </tr>
  );
}
