import { Suspense } from "react";
import { ActiveJobs } from "@/components/jobs/active-jobs";
import { PoolTable } from "@/components/pools/pool-table";
import { JobScheduleList } from "@/components/schedules/schedule-list";
import { PageShell } from "@/components/ui/page-shell";
import { RefreshControl } from "@/components/ui/refresh-control";
import { pageAccount } from "@/lib/server/http/page-account";
import { Prefetched } from "./_section/prefetched";
import { serverReads } from "./_section/server-reads";
import { PanelSkeleton } from "./_section/skeletons";
import { pageTitle } from "./_section/page-title";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle(() => "Pools and jobs");

// /{account} – the account overview: its pools worst first, its active jobs, and its job schedules.
// The pools are read on the server and streamed in; the jobs and schedules start their reads at once beside them.
export default async function AccountPage({ params }: { params: Promise<{ account: string }> }) {
  const account = await pageAccount((await params).account);
  return (
    <PageShell account={account.name} isEmulator={account.isEmulator}>
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold">
          Account <span className="font-mono">{account.name}</span>
        </h1>
        <RefreshControl />
      </div>
      <Suspense fallback={<PanelSkeleton label="Pools" rows={6} />}>
        <Prefetched reads={[serverReads.pools(account)]}>
          <PoolTable account={account.name} />
        </Prefetched>
      </Suspense>
      <Suspense fallback={<PanelSkeleton label="Active jobs" rows={4} />}>
        <ActiveJobs account={account.name} />
      </Suspense>
      <Suspense fallback={<PanelSkeleton label="Job schedules" />}>
        <JobScheduleList account={account.name} />
      </Suspense>
    </PageShell>
  );
}
