"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { GonePanel, isGone } from "@/components/ui/gone";
import { Loading, Panel } from "@/components/ui/panel";
import { formatTime } from "@/lib/format";
import { paths } from "@/lib/links/paths";
import { describeRecurrence, describeStartWindow } from "@/lib/links/scheduled-job";
import { errorInfo } from "@/lib/queries/api-fetch";
import { batchQueries } from "@/lib/queries/batch";
import type { JobScheduleDetailResponse } from "@/lib/schemas/job-schedules";
import { ScheduleRunsTable } from "./schedule-tables";

const link = "text-blue-700 hover:underline dark:text-blue-300";

/** A job schedule's facts and the jobs it created, newest first; a deleted schedule says so. */
export function ScheduleView({ account, scheduleId }: { account: string; scheduleId: string }) {
  const { data, error, isPending } = useQuery(batchQueries.jobSchedule(account, scheduleId));
  const apiError = errorInfo(error);
  if (isPending) return <Loading what="job schedule" />;
  if (!data) {
    if (apiError && isGone(apiError))
      return (
        <GonePanel
          what="Job schedule"
          id={scheduleId}
          explanation="The schedule was deleted, and the jobs it created with it, or this link names a schedule this account never had."
          parent={{ href: paths.account(account), label: `Back to account ${account}` }}
          error={apiError}
        />
      );
    return apiError ? <ApiErrorBanner error={apiError} /> : null;
  }
  return (
    <>
      <ScheduleFacts account={account} data={data} />
      <ScheduleJobs account={account} scheduleId={scheduleId} />
    </>
  );
}

function Fact({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div>
      <dt className="text-slate-600 dark:text-slate-300">{label}</dt>
      <dd {...(testId ? { "data-testid": testId } : {})}>{children}</dd>
    </div>
  );
}

function ScheduleFacts({ account, data }: { account: string; data: JobScheduleDetailResponse }) {
  const s = data.schedule;
  return (
    <Panel id="schedule" title={<span className="font-mono">{s.id}</span>} asOf={data.asOf}>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm md:grid-cols-4">
        <Fact label="State" testId="schedule-state">
          {s.state}
        </Fact>
        <Fact label="Runs">
          {describeRecurrence(s.recurrenceInterval)}
          {s.startWindow ? `, starting within ${describeStartWindow(s.startWindow)} of its time` : ""}
        </Fact>
        <Fact label="Next run">{s.nextRunTime ? formatTime(s.nextRunTime) : "—"}</Fact>
        <Fact label="Pool">
          {s.poolId ? (
            <Link className={`font-mono ${link}`} href={paths.pool(account, s.poolId)}>
              {s.poolId}
            </Link>
          ) : (
            "—"
          )}
        </Fact>
        <Fact label="Created">{formatTime(s.creationTime)}</Fact>
        {s.doNotRunUntil && <Fact label="Not before">{formatTime(s.doNotRunUntil)}</Fact>}
        {s.doNotRunAfter && <Fact label="Not after">{formatTime(s.doNotRunAfter)}</Fact>}
        {s.endTime && <Fact label="Ended">{formatTime(s.endTime)}</Fact>}
        <Fact label="Job priority · retries">
          {s.priority ?? 0} · max {s.maxTaskRetryCount ?? 0} retries
        </Fact>
        {s.jobManagerTaskId && <Fact label="Job manager task">{s.jobManagerTaskId}</Fact>}
        {s.displayName && <Fact label="Name">{s.displayName}</Fact>}
      </dl>
    </Panel>
  );
}

function ScheduleJobs({ account, scheduleId }: { account: string; scheduleId: string }) {
  const { data, error, isPending } = useQuery(batchQueries.jobScheduleJobs(account, scheduleId));
  const apiError = errorInfo(error);
  return (
    <Panel
      id="schedule-jobs"
      title={`Jobs it created${data ? ` (${data.jobs.length})` : ""}`}
      {...(data ? { asOf: data.asOf } : {})}
      {...(apiError ? { error: apiError } : {})}
    >
      {isPending && <Loading what="jobs" />}
      {!data && apiError && <ApiErrorBanner error={apiError} />}
      {data && data.jobs.length === 0 && <p className="text-slate-600 dark:text-slate-300">No jobs yet.</p>}
      {data && data.jobs.length > 0 && <ScheduleRunsTable account={account} jobs={data.jobs} />}
    </Panel>
  );
}
