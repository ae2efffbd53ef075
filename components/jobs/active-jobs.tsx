"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { Loading, Panel } from "@/components/ui/panel";
import { paths } from "@/lib/links/paths";
import { errorInfo } from "@/lib/queries/api-fetch";
import { batchQueries } from "@/lib/queries/batch";
import { TextLink } from "@/components/ui/text-link";

/** Active jobs with their task counts and the failures of the last hour, the job with most failures first. */
export function ActiveJobs({ account }: { account: string }) {
  const { data, error, isPending } = useQuery(batchQueries.jobs(account, { state: "active" }));
  const apiError = errorInfo(error);
  return (
    <Panel id="jobs" title={`Active jobs${data ? ` (${data.jobs.length})` : ""}`} {...(data ? { asOf: data.asOf } : {})} {...(apiError ? { error: apiError } : {})}>
      {isPending && <Loading what="jobs" />}
      {!data && apiError && <ApiErrorBanner error={apiError} />}
      {data && data.jobs.length === 0 && <p className="text-slate-500">No active jobs.</p>}
      {data && data.jobs.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="text-left text-slate-600 dark:text-slate-300">
              <tr>
                <th scope="col" className="px-2 py-1">Job</th>
                <th scope="col" className="px-2 py-1">Pool</th>
                <th scope="col" className="px-2 py-1 text-right">Failed (1h)</th>
                <th scope="col" className="px-2 py-1 text-right">Active</th>
                <th scope="col" className="px-2 py-1 text-right">Running</th>
                <th scope="col" className="px-2 py-1 text-right">Succeeded</th>
                <th scope="col" className="px-2 py-1 text-right">Failed (all)</th>
              </tr>
            </thead>
            <tbody>
              {[...data.jobs]
                .sort((a, b) => (b.taskCounts?.failed ?? 0) - (a.taskCounts?.failed ?? 0))
                .map((j) => (
                  <tr key={j.id} className="border-t border-slate-200 dark:border-slate-800">
                    <th scope="row" className="px-2 py-1 text-left font-mono font-normal whitespace-nowrap">
                      <TextLink href={paths.job(account, j.id)}>
                        {j.id}
                      </TextLink>
                      {j.displayName && <span className="ml-2 font-sans text-xs text-slate-500">{j.displayName}</span>}
                    </th>
                    <td className="px-2 py-1 font-mono">{j.poolId ? <Link className="hover:underline" href={paths.pool(account, j.poolId)}>{j.poolId}</Link> : "—"}</td>
                    <td className="px-2 py-1 text-right tabular-nums" data-testid={`${j.id}-failed-1h`}>
                      <RecentFailures account={account} jobId={j.id} />
                    </td>
                    <td className="px-2 py-1 text-right tabular-nums">{j.taskCounts?.active ?? "—"}</td>
                    <td className="px-2 py-1 text-right tabular-nums">{j.taskCounts?.running ?? "—"}</td>
                    <td className="px-2 py-1 text-right tabular-nums">{j.taskCounts?.succeeded ?? "—"}</td>
                    <td className="px-2 py-1 text-right tabular-nums">{j.taskCounts?.failed ?? "—"}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

function RecentFailures({ account, jobId }: { account: string; jobId: string }) {
  const { data, isError } = useQuery(batchQueries.failures(account, { job: jobId }, { window: "1h" }));
  if (!data) return <span className="text-slate-400">{isError ? "?" : "…"}</span>;
  return <span className={data.failed > 0 ? "font-semibold text-red-700 dark:text-red-300" : "text-slate-400"}>{data.failed}</span>;
}
