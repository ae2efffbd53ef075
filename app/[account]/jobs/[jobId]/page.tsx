import { notFound } from "next/navigation";
import { HeatmapPanel } from "@/components/heatmap";
import { FailureBreakdown } from "@/components/jobs/failure-breakdown";
import { JobHeader } from "@/components/jobs/job-header";
import { JobToolbar } from "@/components/jobs/job-toolbar";
import { TaskTable } from "@/components/jobs/task-table";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { EmulatorBanner } from "@/components/ui/emulator-banner";
import { findAccount } from "@/lib/batch/accounts";
import { accountName } from "@/lib/batch/route";
import { paths } from "@/lib/links/paths";
import { batchId } from "@/lib/schemas/inputs";

export const dynamic = "force-dynamic";

// /{account}/jobs/{jobId} – task counts, failures by category and exit code, the job's heatmap, its tasks.
export default async function JobPage({ params }: { params: Promise<{ account: string; jobId: string }> }) {
  const raw = await params;
  const name = accountName.safeParse(raw.account);
  const jobId = batchId.safeParse(raw.jobId);
  const account = name.success ? await findAccount(name.data) : undefined;
  if (!account || !jobId.success) notFound();
  return (
    <main className="mx-auto max-w-7xl space-y-4 px-6 py-6">
      {account.isEmulator && <EmulatorBanner />}
      <Breadcrumbs items={[{ href: paths.account(account.name), label: account.name }, { label: `job ${jobId.data}` }]} />
      <JobToolbar account={account.name} jobId={jobId.data} />
      <JobHeader account={account.name} jobId={jobId.data}>
        <HeatmapPanel account={account.name} scope={{ job: jobId.data }} />
        <FailureBreakdown account={account.name} jobId={jobId.data} />
        <TaskTable account={account.name} jobId={jobId.data} />
      </JobHeader>
    </main>
  );
}
