import { Suspense } from "react";
import { ScheduleView } from "@/components/schedules/schedule-view";
import { PageShell } from "@/components/ui/page-shell";
import { pageAccount } from "@/lib/server/http/page-account";
import { paths } from "@/lib/links/paths";
import { batchId, decodeParams } from "@/lib/schemas/inputs";
import { Prefetched } from "../../_section/prefetched";
import { serverReads } from "../../_section/server-reads";
import { PanelSkeleton } from "../../_section/skeletons";
import { StartReads } from "../../_section/start-reads";
import { pageTitle, short } from "../../_section/page-title";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle((p) => `Job schedule ${short(p.scheduleId)}`);

// /{account}/jobschedules/{scheduleId} – a job schedule's facts and the jobs it created.
// The schedule is read on the server and streamed in; the list of its jobs starts at once beside it.
export default async function JobSchedulePage({ params }: { params: Promise<{ account: string; scheduleId: string }> }) {
  const raw = decodeParams(await params);
  const account = await pageAccount(raw.account);
  const scheduleId = batchId.safeParse(raw.scheduleId);
  const a = account.name;
  return (
    <PageShell
      account={a}
      isEmulator={account.isEmulator}
      crumbs={[{ href: paths.account(a), label: a }, { label: scheduleId.success ? `Job schedule ${scheduleId.data}` : "Job schedule" }]}
      ids={[["job schedule", raw.scheduleId, scheduleId.success]]}
      back={{ href: paths.account(a), label: `Go to account ${a}` }}
    >
      {scheduleId.success && (
        <>
          <StartReads reads={[{ read: "scheduleJobs", account: a, scheduleId: scheduleId.data }]} />
          <Suspense fallback={<PanelSkeleton label="Job schedule" rows={6} />}>
            <Prefetched reads={[serverReads.schedule(account, scheduleId.data)]}>
              <ScheduleView account={a} scheduleId={scheduleId.data} />
            </Prefetched>
          </Suspense>
        </>
      )}
    </PageShell>
  );
}
