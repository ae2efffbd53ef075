import Link from "next/link";
import type { ReactNode } from "react";
import { IdentityBadge } from "./identity-badge";
import { paths } from "@/lib/links/paths";
import { BadIds } from "./bad-ids";
import { Breadcrumbs } from "./breadcrumbs";
import { EmulatorBanner } from "./emulator-banner";
import { IdSearch } from "@/components/search/id-search";

/**
 * Every page's frame: the simulated-data banner, the breadcrumbs, and either the page or, when an id in
 * the link is malformed, a plain explanation with the way back (never a crash or a blank page). Beside the
 * breadcrumbs: the id search, who the operator is signed in as (what the action buttons will allow), the audit log and the snapshots.
 */
export function PageShell({
  account,
  isEmulator,
  crumbs,
  ids,
  back,
  children,
}: {
  account: string;
  isEmulator: boolean;
  crumbs?: { href?: string; label: string }[];
  ids?: [string, string, boolean][];
  back?: { href: string; label: string };
  children: ReactNode;
}) {
  const bad = ids?.some(([, , ok]) => !ok);
  return (
    <main className="mx-auto max-w-7xl space-y-4 px-6 py-6">
      {isEmulator && <EmulatorBanner />}
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1">
        {crumbs ? <Breadcrumbs items={crumbs} /> : <span />}
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <IdSearch account={account} />
          <IdentityBadge account={account} />
          <Link href={paths.audit(account)} className="text-blue-700 hover:underline dark:text-blue-300">
            Audit log
          </Link>
          <Link href={paths.snapshots(account)} className="text-blue-700 hover:underline dark:text-blue-300">
            Snapshots
          </Link>
        </div>
      </div>
      {bad && ids && back ? <BadIds ids={ids} parent={back} /> : children}
    </main>
  );
}
