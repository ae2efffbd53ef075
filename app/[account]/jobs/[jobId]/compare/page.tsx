import { Suspense } from "react";
import { CompareView } from "@/components/compare/compare-view";
import { PageShell } from "@/components/ui/page-shell";
import { pageAccount } from "@/lib/server/http/page-account";
import { paths } from "@/lib/links/paths";
import { decodeParams, jobId as jobIdSchema } from "@/lib/schemas/inputs";
import { PanelSkeleton } from "../../../_section/skeletons";
import { pageTitle, short } from "../../../_section/page-title";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle((p) => `Compare tasks · ${short(p.jobId)}`);

// /{account}/jobs/{jobId}/compare?failed=&succeeded= – a failed task beside a succeeded one: node, timings,
// exit code, command line, environment and the stderr/stdout tails with the differing lines marked.
export default async function ComparePage({ params }: { params: Promise<{ account: string; jobId: string }> }) {
  const raw = decodeParams(await params);
  const account = await pageAccount(raw.account);
  const jobId = jobIdSchema.safeParse(raw.jobId);
  const a = account.name;
  return (
    <PageShell
      account={a}
      isEmulator={account.isEmulator}
      crumbs={[
        { href: paths.account(a), label: a },
        ...(jobId.success ? [{ href: paths.job(a, jobId.data), label: `Job ${jobId.data}` }] : []),
        { label: "Compare" },
      ]}
      ids={[["job", raw.jobId, jobId.success]]}
      back={{ href: paths.account(a), label: `Go to account ${a}` }}
    >
      {jobId.success && (
        <Suspense fallback={<PanelSkeleton label="Compare" rows={8} />}>
          <CompareView account={a} jobId={jobId.data} />
        </Suspense>
      )}
    </PageShell>
  );
}
