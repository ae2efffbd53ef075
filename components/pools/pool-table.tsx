"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { AsOf } from "@/components/ui/as-of";
import { Badge } from "@/components/ui/badge";
import { DataTable, useDataTable, type TableColumn } from "@/components/ui/table";
import { IdCell } from "@/components/ui/truncated-id";
import { ApiError } from "@/lib/queries/api-fetch";
import { batchQueries } from "@/lib/queries/batch";
import { paths } from "@/lib/links/paths";
import type { PoolSummary } from "@/lib/schemas/pools";

type StateKey = keyof PoolSummary["nodeStates"];

const STATE_COLUMNS: { key: StateKey; label: string; short?: string; bad?: boolean }[] = [
  { key: "idle", label: "Idle" },
  { key: "running", label: "Running" },
  { key: "startTaskFailed", label: "Start task failed", short: "Start failed", bad: true },
  { key: "unusable", label: "Unusable", bad: true },
  { key: "unknown", label: "Unknown", bad: true },
  { key: "offline", label: "Offline" },
  { key: "preempted", label: "Preempted" },
];

const OTHER_STATES: StateKey[] = [
  "creating",
  "starting",
  "waitingForStartTask",
  "rebooting",
  "reimaging",
  "leavingPool",
  "upgradingOS",
  "deallocating",
  "deallocated",
];
const other = (p: PoolSummary) => OTHER_STATES.reduce((sum, k) => sum + p.nodeStates[k], 0);

/** A node-state count; the states that need action are red when not zero. */
function stateColumn(c: (typeof STATE_COLUMNS)[number]): TableColumn<PoolSummary> {
  return {
    id: c.key,
    header: c.label,
    ...(c.short ? { short: c.short } : {}),
    align: "right",
    descFirst: true,
    sortValue: (p) => p.nodeStates[c.key],
    cell: (p) => {
      const n = p.nodeStates[c.key];
      const tone = c.bad && n > 0 ? "font-semibold text-red-700 dark:text-red-300" : n === 0 ? "text-slate-500 dark:text-slate-400" : undefined;
      return (
        <span data-testid={`${p.id}-${c.key}`} className={tone}>
          {n}
        </span>
      );
    },
  };
}

function poolColumns(account: string): TableColumn<PoolSummary>[] {
  return [
    {
      id: "pool",
      header: "Pool",
      rowHeader: true,
      sortValue: (p) => p.id,
      className: "font-medium",
      cell: (p) => (
        <>
          <IdCell id={p.id} what="pool" href={paths.pool(account, p.id)} head={20} tail={10} />
          <span className="block text-xs font-normal text-slate-500 dark:text-slate-400">{p.vmSize}</span>
        </>
      ),
    },
    {
      id: "allocation",
      header: "Allocation",
      sortValue: (p) => p.allocationState,
      cell: (p) => (
        <>
          {p.allocationState}
          {p.hasResizeErrors && (
            <Badge tone="bad" className="ml-1">
              resize errors
            </Badge>
          )}
        </>
      ),
    },
    {
      id: "failing",
      header: "Failing nodes (last hour)",
      short: "Failing (1h)",
      align: "right",
      cell: (p) => (
        <span data-testid={`${p.id}-failing`}>
          <FailingNodes account={account} poolId={p.id} />
        </span>
      ),
    },
    {
      id: "dedicated",
      header: "Dedicated",
      align: "right",
      descFirst: true,
      sortValue: (p) => p.dedicated.current,
      cell: (p) => `${p.dedicated.current}/${p.dedicated.target}`,
    },
    {
      id: "spot",
      header: "Spot",
      align: "right",
      descFirst: true,
      sortValue: (p) => p.lowPriority.current,
      cell: (p) => `${p.lowPriority.current}/${p.lowPriority.target}`,
    },
    ...STATE_COLUMNS.map(stateColumn),
    {
      id: "other",
      header: "Other",
      align: "right",
      descFirst: true,
      sortValue: other,
      className: "text-slate-500 dark:text-slate-400",
      cell: other,
    },
  ];
}

const NO_POOLS: PoolSummary[] = [];

/** The account's pools with their node-state counts, refreshed live; worst pools first. */
export function PoolTable({ account }: { account: string }) {
  const { data, error, isPending } = useQuery(batchQueries.pools(account));
  const apiError = error instanceof ApiError ? error.info : undefined;
  const columns = useMemo(() => poolColumns(account), [account]);
  const table = useDataTable({ data: data?.pools ?? NO_POOLS, columns, rowId: (p) => p.id });
  if (isPending) return <p className="text-slate-600 dark:text-slate-300">Loading pools…</p>;
  if (!data) return apiError ? <ApiErrorBanner error={apiError} /> : null;
  return (
    <section aria-labelledby="pools-heading" className="space-y-2">
      {apiError && <ApiErrorBanner error={apiError} keptData />}
      <div className="flex items-baseline justify-between">
        <h2 id="pools-heading" className="text-lg font-semibold">
          Pools <span className="text-slate-600 dark:text-slate-300">({data.pools.length})</span>
        </h2>
        <AsOf iso={data.asOf} stale={Boolean(apiError)} />
      </div>
      {data.pools.length === 0 ? (
        <p className="text-slate-600 dark:text-slate-300">This account has no pools.</p>
      ) : (
        <DataTable table={table} columns={columns} rowAttributes={(p) => ({ "data-testid": `pool-row-${p.id}` })} />
      )}
    </section>
  );
}

/** Nodes that failed tasks in the last hour: the number that says which pool to open first. */
function FailingNodes({ account, poolId }: { account: string; poolId: string }) {
  const { data, isError } = useQuery(batchQueries.heatmap(account, { pool: poolId }, { window: "1h", buckets: 12 }));
  if (!data) return <span className="text-slate-500 dark:text-slate-400">{isError ? "?" : "…"}</span>;
  const n = data.totals.nodesWithFailures;
  return (
    <span
      className={n > 0 ? "font-semibold text-red-700 dark:text-red-300" : "text-slate-500 dark:text-slate-400"}
      title={`${data.totals.failures} failed tasks in the last hour`}
    >
      {n}
    </span>
  );
}
