import { Suspense } from "react";
import { HeatmapPanel } from "@/components/heatmap";
import { FailureBreakdown } from "@/components/jobs/failure-breakdown";
import { JobHeader } from "@/components/jobs/job-header";
import { JobToolbar } from "@/components/jobs/job-toolbar";
import { TaskTable } from "@/components/jobs/task-table";
import { ScheduleOfJob } from "@/components/schedules/schedule-of-job";
import { PageShell } from "@/components/ui/page-shell";
import { SignatureList } from "@/components/signatures/signature-list";
import { pageAccount } from "@/lib/server/http/page-account";
import { paths } from "@/lib/links/paths";
import { jobKeys } from "@/lib/queries/keys";
import { decodeParams, jobId as jobIdSchema } from "@/lib/schemas/inputs";
import { Prefetched } from "../../_section/prefetched";
import { serverReads } from "../../_section/server-reads";
import { PanelSkeleton } from "../../_section/skeletons";
import { UnlessGone } from "../../_section/unless-gone";
import { pageTitle, short } from "../../_section/page-title";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle((p) => `Job ${short(p.jobId)}`);

// /{account}/jobs/{jobId} – task counts, failures by category and exit code, the job's heatmap, its tasks.
// The job is read on the server and streamed in; every other panel starts its own read at once beside it.
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
          <Suspense fallback={<PanelSkeleton label="Job" rows={3} />}>
            <Prefetched reads={[serverReads.job(account, jobId.data)]}>
              <JobToolbar account={a} jobId={jobId.data} />
              <JobHeader account={a} jobId={jobId.data}>
                <ScheduleOfJob account={a} jobId={jobId.data} />
              </JobHeader>
            </Prefetched>
          </Suspense>
          <UnlessGone queryKey={jobKeys.detail(a, jobId.data)}>
            <Suspense fallback={<PanelSkeleton label="Heatmap" rows={8} />}>
              <HeatmapPanel account={a} scope={{ job: jobId.data }} />
            </Suspense>
            <SignatureList account={a} scope={{ job: jobId.data }} />
            <Suspense fallback={<PanelSkeleton label="Failures by category" />}>
              <FailureBreakdown account={a} jobId={jobId.data} />
            </Suspense>
            <Suspense fallback={<PanelSkeleton label="Tasks" rows={8} />}>
              <TaskTable account={a} jobId={jobId.data} />
            </Suspense>
          </UnlessGone>
        </>
      )}
    </PageShell>
  );
}
