import { ActiveJobs } from "@/components/jobs/active-jobs";
import { PoolTable } from "@/components/pools/pool-table";
import { JobScheduleList } from "@/components/schedules/schedule-list";
import { PageShell } from "@/components/ui/page-shell";
import { RefreshControl } from "@/components/ui/refresh-control";
import { pageAccount } from "@/lib/server/http/page-account";

export const dynamic = "force-dynamic";

// /{account} – the account overview: its pools worst first, its active jobs, and its job schedules.
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
      <PoolTable account={account.name} />
      <ActiveJobs account={account.name} />
      <JobScheduleList account={account.name} />
    </PageShell>
  );
}
