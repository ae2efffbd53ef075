"use client";

import { useMemo } from "react";
import { DataTable, useDataTable, type TableColumn } from "@/components/ui/table";
import { IdCell } from "@/components/ui/truncated-id";
import { formatTime } from "@/lib/format";
import { paths } from "@/lib/links/paths";
import { describeRecurrence } from "@/lib/links/scheduled-job";
import type { JobScheduleJobsResponse, JobScheduleSummary } from "@/lib/schemas/job-schedules";

type ScheduledJob = JobScheduleJobsResponse["jobs"][number];

const failedTone = (n: number | undefined) =>
  n === undefined ? undefined : n > 0 ? "font-semibold text-red-700 dark:text-red-300" : "text-slate-500 dark:text-slate-400";

function scheduleColumns(account: string): TableColumn<JobScheduleSummary>[] {
  return [
    {
      id: "schedule",
      header: "Schedule",
      rowHeader: true,
      sortValue: (s) => s.id,
      cell: (s) => (
        <>
          <IdCell id={s.id} what="schedule" href={paths.jobSchedule(account, s.id)} head={20} tail={10} />
          {s.displayName && <span className="ml-2 text-xs text-slate-500 dark:text-slate-400">{s.displayName}</span>}
        </>
      ),
    },
    { id: "state", header: "State", sortValue: (s) => s.state, cell: (s) => s.state },
    { id: "runs", header: "Runs", cell: (s) => describeRecurrence(s.recurrenceInterval) },
    {
      id: "next",
      header: "Next run",
      sortValue: (s) => s.nextRunTime,
      className: "whitespace-nowrap",
      cell: (s) => (s.nextRunTime ? formatTime(s.nextRunTime) : "—"),
    },
    {
      id: "recent",
      header: "Recent job",
      sortValue: (s) => s.recentJob?.id,
      cell: (s) => (s.recentJob ? <IdCell id={s.recentJob.id} what="job" href={paths.job(account, s.recentJob.id)} head={20} tail={10} /> : "—"),
    },
    {
      id: "failed",
      header: "Failed tasks",
      align: "right",
      descFirst: true,
      sortValue: (s) => s.recentJob?.taskCounts?.failed,
      cell: (s) => {
        const failed = s.recentJob?.taskCounts?.failed;
        return failed === undefined ? "—" : <span className={failedTone(failed)}>{failed}</span>;
      },
    },
  ];
}

/** The account's job schedules; every column sorts, ids in natural order. */
export function ScheduleTable({ account, schedules }: { account: string; schedules: JobScheduleSummary[] }) {
  const columns = useMemo(() => scheduleColumns(account), [account]);
  const table = useDataTable({ data: schedules, columns, rowId: (s) => s.id });
  return <DataTable table={table} columns={columns} rowAttributes={(s) => ({ "data-testid": `schedule-${s.id}` })} />;
}

function runColumns(account: string): TableColumn<ScheduledJob>[] {
  return [
    {
      id: "job",
      header: "Job",
      rowHeader: true,
      sortValue: (j) => j.id,
      cell: (j) => <IdCell id={j.id} what="job" href={paths.job(account, j.id)} head={24} tail={10} />,
    },
    { id: "state", header: "State", sortValue: (j) => j.state, cell: (j) => j.state },
    {
      id: "created",
      header: "Created",
      sortValue: (j) => j.creationTime,
      descFirst: true,
      className: "whitespace-nowrap",
      cell: (j) => formatTime(j.creationTime),
    },
    {
      id: "ended",
      header: "Ended",
      sortValue: (j) => j.endTime,
      descFirst: true,
      cell: (j) => (j.endTime ? `${formatTime(j.endTime)}${j.terminateReason ? ` (${j.terminateReason})` : ""}` : "—"),
    },
    {
      id: "succeeded",
      header: "Succeeded",
      align: "right",
      descFirst: true,
      sortValue: (j) => j.taskCounts?.succeeded,
      cell: (j) => j.taskCounts?.succeeded ?? "—",
    },
    {
      id: "failed",
      header: "Failed",
      align: "right",
      descFirst: true,
      sortValue: (j) => j.taskCounts?.failed,
      cell: (j) => <span className={(j.taskCounts?.failed ?? 0) > 0 ? failedTone(1) : undefined}>{j.taskCounts?.failed ?? "—"}</span>,
    },
  ];
}

/** The jobs a schedule created, newest first as Batch lists them until a column is sorted. */
export function ScheduleRunsTable({ account, jobs }: { account: string; jobs: ScheduledJob[] }) {
  const columns = useMemo(() => runColumns(account), [account]);
  const table = useDataTable({ data: jobs, columns, rowId: (j) => j.id });
  return <DataTable table={table} columns={columns} />;
}
