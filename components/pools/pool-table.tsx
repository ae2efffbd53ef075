"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { AsOf } from "@/components/ui/as-of";
import { ApiError } from "@/lib/queries/api-fetch";
import { batchQueries } from "@/lib/queries/batch";
import { paths } from "@/lib/links/paths";
import type { PoolSummary } from "@/lib/schemas/pools";

const STATE_COLUMNS: { key: keyof PoolSummary["nodeStates"]; label: string; bad?: boolean }[] = [
  { key: "idle", label: "Idle" },
  { key: "running", label: "Running" },
  { key: "startTaskFailed", label: "Start task failed", bad: true },
  { key: "unusable", label: "Unusable", bad: true },
  { key: "unknown", label: "Unknown", bad: true },
  { key: "offline", label: "Offline" },
  { key: "preempted", label: "Preempted" },
];

/** The account's pools with their node-state counts, refreshed live; worst pools first. */
export function PoolTable({ account }: { account: string }) {
  const { data, error, isPending } = useQuery(batchQueries.pools(account));
  const apiError = error instanceof ApiError ? error.info : undefined;
  if (isPending) return <p className="text-slate-500">Loading pools…</p>;
  if (!data) return apiError ? <ApiErrorBanner error={apiError} /> : null;
  const other = (p: PoolSummary) =>
    p.nodeStates.creating + p.nodeStates.starting + p.nodeStates.waitingForStartTask + p.nodeStates.rebooting + p.nodeStates.reimaging + p.nodeStates.leavingPool +
    p.nodeStates.upgradingOS + p.nodeStates.deallocating + p.nodeStates.deallocated;
  return (
    <section aria-labelledby="pools-heading" className="space-y-2">
      {apiError && <ApiErrorBanner error={apiError} keptData />}
      <div className="flex items-baseline justify-between">
        <h2 id="pools-heading" className="text-lg font-semibold">
          Pools <span className="text-slate-500">({data.pools.length})</span>
        </h2>
        <AsOf iso={data.asOf} stale={Boolean(apiError)} />
      </div>
      {data.pools.length === 0 ? (
        <p className="text-slate-500">This account has no pools.</p>
      ) : (
        <div className="overflow-x-auto rounded-md border border-slate-200 dark:border-slate-800">
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-left dark:bg-slate-900">
              <tr>
                <th scope="col" className="px-3 py-2">Pool</th>
                <th scope="col" className="px-3 py-2">Allocation</th>
                <th scope="col" className="px-3 py-2 text-right">Failing nodes (1h)</th>
                <th scope="col" className="px-3 py-2 text-right">Dedicated</th>
                <th scope="col" className="px-3 py-2 text-right">Spot</th>
                {STATE_COLUMNS.map((c) => (
                  <th key={c.key} scope="col" className="px-3 py-2 text-right">{c.label}</th>
                ))}
                <th scope="col" className="px-3 py-2 text-right">Other</th>
              </tr>
            </thead>
            <tbody>
              {data.pools.map((p) => (
                <tr key={p.id} data-testid={`pool-row-${p.id}`} className="border-t border-slate-200 dark:border-slate-800">
                  <th scope="row" className="px-3 py-2 text-left font-mono font-medium">
                    <Link className="text-blue-700 underline underline-offset-2 dark:text-blue-300" href={paths.pool(account, p.id)}>
                      {p.id}
                    </Link>
                    <span className="ml-2 font-sans text-xs font-normal text-slate-500">{p.vmSize}</span>
                  </th>
                  <td className="px-3 py-2">
                    {p.allocationState}
                    {p.hasResizeErrors && <span className="ml-2 rounded bg-red-100 px-1 text-xs text-red-800 dark:bg-red-900 dark:text-red-100">resize errors</span>}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums" data-testid={`${p.id}-failing`}>
                    <FailingNodes account={account} poolId={p.id} />
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{p.dedicated.current}/{p.dedicated.target}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{p.lowPriority.current}/{p.lowPriority.target}</td>
                  {STATE_COLUMNS.map((c) => {
                    const n = p.nodeStates[c.key];
                    return (
                      <td key={c.key} data-testid={`${p.id}-${c.key}`} className={`px-3 py-2 text-right tabular-nums ${c.bad && n > 0 ? "font-semibold text-red-700 dark:text-red-300" : n === 0 ? "text-slate-400" : ""}`}>
                        {n}
                      </td>
                    );
                  })}
                  <td className="px-3 py-2 text-right tabular-nums text-slate-500">{other(p)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Nodes that failed tasks in the last hour: the number that says which pool to open first. */
function FailingNodes({ account, poolId }: { account: string; poolId: string }) {
  const { data, isError } = useQuery(batchQueries.heatmap(account, { pool: poolId }, { window: "1h", buckets: 12 }));
  if (!data) return <span className="text-slate-400">{isError ? "?" : "…"}</span>;
  const n = data.totals.nodesWithFailures;
  return (
    <span className={n > 0 ? "font-semibold text-red-700 dark:text-red-300" : "text-slate-400"} title={`${data.totals.failures} failed tasks in the last hour`}>
      {n}
    </span>
  );
}
