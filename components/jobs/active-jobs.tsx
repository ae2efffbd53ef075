"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { Loading, Panel } from "@/components/ui/panel";
import { DataTable, useDataTable, type TableColumn } from "@/components/ui/table";
import { IdCell } from "@/components/ui/truncated-id";
import { paths } from "@/lib/links/paths";
import { errorInfo } from "@/lib/queries/api-fetch";
import { batchQueries } from "@/lib/queries/batch";
import type { JobSummary } from "@/lib/schemas/jobs";

const count = (n: number | undefined) => n ?? "—";

function jobColumns(account: string): TableColumn<JobSummary>[] {
  return [
    {
      id: "job",
      header: "Job",
      rowHeader: true,
      sortValue: (j) => j.id,
      cell: (j) => (
        <>
          <IdCell id={j.id} what="job" href={paths.job(account, j.id)} head={24} tail={10} />
          {j.displayName && <span className="ml-2 text-xs text-slate-500 dark:text-slate-400">{j.displayName}</span>}
        </>
      ),
    },
    {
      id: "pool",
      header: "Pool",
      sortValue: (j) => j.poolId,
      cell: (j) => (j.poolId ? <IdCell id={j.poolId} what="pool" href={paths.pool(account, j.poolId)} head={20} tail={10} /> : "—"),
    },
    {
      id: "failed1h",
      // Tasks, said so: beside it the pools' column counts failing nodes.
      header: "Failed tasks (last hour)",
      short: "Failed tasks (1h)",
      align: "right",
      cell: (j) => (
        <span data-testid={`${j.id}-failed-1h`}>
          <RecentFailures account={account} jobId={j.id} />
        </span>
      ),
    },
    {
      id: "active",
      header: "Active",
      align: "right",
      descFirst: true,
      sortValue: (j) => j.taskCounts?.active,
      cell: (j) => count(j.taskCounts?.active),
    },
    {
      id: "running",
      header: "Running",
      align: "right",
      descFirst: true,
      sortValue: (j) => j.taskCounts?.running,
      cell: (j) => count(j.taskCounts?.running),
    },
    {
      id: "succeeded",
      header: "Succeeded",
      align: "right",
      descFirst: true,
      sortValue: (j) => j.taskCounts?.succeeded,
      cell: (j) => count(j.taskCounts?.succeeded),
    },
    {
      id: "failed",
      header: "Failed (all)",
      align: "right",
      descFirst: true,
      sortValue: (j) => j.taskCounts?.failed ?? 0,
      cell: (j) => count(j.taskCounts?.failed),
    },
  ];
}

const MOST_FAILED_FIRST = [{ id: "failed", desc: true }];
const NO_JOBS: JobSummary[] = [];

/** Active jobs with their task counts and the failures of the last hour, the job with most failures first. */
export function ActiveJobs({ account }: { account: string }) {
  const { data, error, isPending } = useQuery(batchQueries.jobs(account, { state: "active" }));
  const apiError = errorInfo(error);
  const columns = useMemo(() => jobColumns(account), [account]);
  const table = useDataTable({ data: data?.jobs ?? NO_JOBS, columns, rowId: (j) => j.id, initialSort: MOST_FAILED_FIRST });
  return (
    <Panel
      id="jobs"
      title={`Active jobs${data ? ` (${data.jobs.length})` : ""}`}
      {...(data ? { asOf: data.asOf } : {})}
      {...(apiError ? { error: apiError } : {})}
    >
      {isPending && <Loading what="jobs" />}
      {!data && apiError && <ApiErrorBanner error={apiError} />}
      {data && data.jobs.length === 0 && <p className="text-slate-600 dark:text-slate-300">No active jobs.</p>}
      {data && data.jobs.length > 0 && <DataTable table={table} columns={columns} />}
    </Panel>
  );
}

function RecentFailures({ account, jobId }: { account: string; jobId: string }) {
  const { data, isError } = useQuery(batchQueries.failures(account, { job: jobId }, { window: "1h" }));
  if (!data) return <span className="text-slate-500 dark:text-slate-400">{isError ? "?" : "…"}</span>;
  return <span className={data.failed > 0 ? "font-semibold text-red-700 dark:text-red-300" : "text-slate-500 dark:text-slate-400"}>{data.failed}</span>;
}
