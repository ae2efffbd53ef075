import { notFound } from "next/navigation";
import { ActiveJobs } from "@/components/jobs/active-jobs";
import { PoolTable } from "@/components/pools/pool-table";
import { RefreshControl } from "@/components/ui/refresh-control";
import { EmulatorBanner } from "@/components/ui/emulator-banner";
import { findAccount } from "@/lib/batch/accounts";
import { accountName } from "@/lib/batch/route";

export const dynamic = "force-dynamic";

// /{account} – the account overview: its pools, worst first.
export default async function AccountPage({ params }: { params: Promise<{ account: string }> }) {
  const { account: raw } = await params;
  const parsed = accountName.safeParse(raw);
  const account = parsed.success ? await findAccount(parsed.data) : undefined;
  if (!account) notFound();
  return (
    <main className="mx-auto max-w-7xl space-y-4 px-6 py-6">
      {account.isEmulator && <EmulatorBanner />}
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold">
          Account <span className="font-mono">{account.name}</span>
        </h1>
        <RefreshControl />
      </div>
      <PoolTable account={account.name} />
      <ActiveJobs account={account.name} />
    </main>
  );
}
