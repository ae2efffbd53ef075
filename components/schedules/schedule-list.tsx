"use client";

import { useQuery } from "@tanstack/react-query";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { Loading, Panel } from "@/components/ui/panel";
import { errorInfo } from "@/lib/queries/api-fetch";
import { batchQueries } from "@/lib/queries/batch";
import { ScheduleTable } from "./schedule-tables";

/** The account's job schedules: how often each runs, when next, and how its recent job is doing. */
export function JobScheduleList({ account }: { account: string }) {
  const { data, error, isPending } = useQuery(batchQueries.jobSchedules(account));
  const apiError = errorInfo(error);
  return (
    <Panel
      id="jobschedules"
      title={`Job schedules${data ? ` (${data.schedules.length})` : ""}`}
      {...(data ? { asOf: data.asOf } : {})}
      {...(apiError ? { error: apiError } : {})}
    >
      {isPending && <Loading what="job schedules" />}
      {!data && apiError && <ApiErrorBanner error={apiError} />}
      {data && data.schedules.length === 0 && <p className="text-slate-600 dark:text-slate-300">No job schedules.</p>}
      {data && data.schedules.length > 0 && <ScheduleTable account={account} schedules={data.schedules} />}
    </Panel>
  );
}
