import Link from "next/link";
import { linkVariants } from "@/components/ui/text-link";

/** A link naming no snapshot: a plain page, never a crash. Without `account`, the way back is the start page. */
export function SnapshotNotFound({ account }: { account?: string }) {
  return (
    <div data-testid="snapshot-not-found" className="space-y-2">
      <h1 className="text-2xl font-semibold">No snapshot with this id</h1>
      <p className="text-slate-600 dark:text-slate-300">The link may be mistyped, or the snapshot was deleted or is past the retention this dashboard keeps.</p>
      <Link className={linkVariants({ tone: "plain" })} href={account ? `/${encodeURIComponent(account)}/snapshots` : "/"}>
        {account ? "Go to the snapshots of this account" : "Go to the start page"}
      </Link>
    </div>
  );
}
