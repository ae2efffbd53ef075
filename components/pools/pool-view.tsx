"use client";

import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { AsOf } from "@/components/ui/as-of";
import { GonePanel, isGone } from "@/components/ui/gone";
import { useHeatmap } from "@/components/heatmap";
import { paths } from "@/lib/links/paths";
import { errorInfo } from "@/lib/queries/api-fetch";
import { batchQueries } from "@/lib/queries/batch";

/**
 * The pool's header, and the gate for a link to a pool that no longer exists: then the page says so and
 * offers the account instead of panels full of errors. The panels below load meanwhile, not after.
 */
export function PoolView({ account, poolId, children }: { account: string; poolId: string; children: ReactNode }) {
  const q = useQuery(batchQueries.pool(account, poolId));
  // "Unhealthy nodes" as an operator means it (docs/diagnosis.md): the diagnosis' bad nodes still in the
  // pool, and nodes in starttaskfailed, unusable or unknown or with errors; Batch's state counts until then.
  const heat = useHeatmap(account, { pool: poolId });
  const diagnosis = heat.data?.diagnosis;
  // Batch's count is not the operator's (a node failing 70 % of its tasks is "idle" to Batch): while the
  // diagnosis is on its way, say so rather than show Batch's 0.
  const diagnosisPending = heat.data ? Boolean(heat.data.ratesPending) : heat.isPending && !heat.error;
  const err = errorInfo(q.error);
  if (!q.data && isGone(err)) {
    return (
      <GonePanel
        what="Pool"
        id={poolId}
        explanation="Batch has no pool with this id in this account: it was deleted, or the link has a typo. Its nodes and their failures are gone with it."
        parent={{ href: paths.account(account), label: `Go to account ${account}` }}
        error={err}
      />
    );
  }
  const pool = q.data?.pool;
  return (
    <>
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">
          Pool <span className="font-mono">{poolId}</span>
        </h1>
        {q.data && <AsOf iso={q.data.asOf} stale={Boolean(err)} />}
      </header>
      {err && <ApiErrorBanner error={err} keptData={Boolean(q.data)} />}
      {/* The facts' line, kept while the pool is read in the browser (the server's read took longer than its
          budget), so that the facts arriving do not push the page down. */}
      {!pool && !err && <div aria-hidden="true" className="h-5" data-testid="pool-facts-pending" />}
      {pool && (
        <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm" data-testid="pool-facts">
          {[
            ["State", pool.state],
            ["Allocation", pool.allocationState + (pool.hasResizeErrors ? " (resize errors)" : "")],
            ["VM size", pool.vmSize],
            ["Dedicated", `${pool.dedicated.current}/${pool.dedicated.target}`],
            ["Spot", `${pool.lowPriority.current}/${pool.lowPriority.target}`],
            [
              "Unhealthy nodes",
              diagnosis ? String(diagnosis.counts.unhealthyNodes) : diagnosisPending ? <StillLoading key="l" /> : String(pool.unhealthyNodes),
            ],
          ].map(([k, v]) => (
            <div key={String(k)} className="flex gap-1" data-testid={`pool-fact-${String(k).toLowerCase().replace(/ /g, "-")}`}>
              <dt className="text-slate-600 dark:text-slate-300">{k}:</dt>
              <dd className="font-medium">{v}</dd>
            </div>
          ))}
        </dl>
      )}
      {children}
    </>
  );
}

/** A count the diagnosis has not given yet: a mark, named for screen readers, instead of a number. */
function StillLoading() {
  return (
    <span role="img" aria-label="still loading" title="still loading: the diagnosis waits for the completed-task totals" data-testid="still-loading">
      …
    </span>
  );
}
