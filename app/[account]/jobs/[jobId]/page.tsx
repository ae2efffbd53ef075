import { HeatmapPanel } from "@/components/heatmap";
import { FailureBreakdown } from "@/components/jobs/failure-breakdown";
import { JobHeader } from "@/components/jobs/job-header";
import { JobToolbar } from "@/components/jobs/job-toolbar";
import { TaskTable } from "@/components/jobs/task-table";
import { ScheduleOfJob } from "@/components/schedules/schedule-of-job";
import { PageShell } from "@/components/ui/page-shell";
import { pageAccount } from "@/lib/server/http/page-account";
import { paths } from "@/lib/links/paths";
import { decodeParams, jobId as jobIdSchema } from "@/lib/schemas/inputs";

export const dynamic = "force-dynamic";

// /{account}/jobs/{jobId} – task counts, failures by category and exit code, the job's heatmap, its tasks.
export default async function JobPage({ params }: { params: Promise<{ account: string; jobId: string }> }) {
  const raw = decodeParams(await params);
  const account = await pageAccount(raw.account);
  const jobId = jobIdSchema.safeParse(raw.jobId);
  const a = account.name;
  return (
    <PageShell
      account={a}
      isEmulator={account.isEmulator}
      crumbs={[{ href: paths.account(a), label: a }, { label: jobId.success ? `Job ${jobId.data}` : "Job" }]}
      ids={[["job", raw.jobId, jobId.success]]}
      back={{ href: paths.account(a), label: `Go to account ${a}` }}
    >
      {jobId.success && (
        <>
          <JobToolbar account={a} jobId={jobId.data} />
          <JobHeader account={a} jobId={jobId.data}>
            <ScheduleOfJob account={a} jobId={jobId.data} />
            <HeatmapPanel account={a} scope={{ job: jobId.data }} />
            <FailureBreakdown account={a} jobId={jobId.data} />
            <TaskTable account={a} jobId={jobId.data} />
          </JobHeader>
        </>
      )}
    </PageShell>
  );
}
