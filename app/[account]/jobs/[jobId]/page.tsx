import { PageShell } from "@/components/ui/page-shell";
import { pageAccount } from "@/lib/server/http/page-account";
import { paths } from "@/lib/links/paths";
import { decodeParams, jobId as jobIdSchema } from "@/lib/schemas/inputs";
import { Prefetched } from "../../_section/prefetched";
import { serverReads } from "../../_section/server-reads";
import { JobBody } from "../../_section/views";
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
        <JobBody account={a} jobId={jobId.data} main={(panel) => <Prefetched reads={[serverReads.job(account, jobId.data)]}>{panel}</Prefetched>} />
      )}
    </PageShell>
  );
}
