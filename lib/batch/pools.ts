import "server-only";
import type { BatchServiceModels } from "@azure/batch";
import { NODE_STATE_KEYS, type PoolListResponse, type PoolSummary } from "@/lib/schemas/pools";
import type { BatchAccount } from "./accounts";
import { batchClient } from "./client";
import { listAll } from "./paging";

const POOL_FIELDS = "id,state,allocationState,vmSize,currentDedicatedNodes,currentLowPriorityNodes,targetDedicatedNodes,targetLowPriorityNodes,resizeErrors";
const UNHEALTHY = ["startTaskFailed", "unusable", "unknown"] as const;

/** Pools with their node-state counts: two list calls (pools, node counts), whatever the number of nodes. */
export async function listPoolSummaries(account: BatchAccount): Promise<PoolListResponse> {
  const client = batchClient(account);
  const [pools, counts] = await Promise.all([
    listAll(
      () => client.pool.list({ poolListOptions: { select: POOL_FIELDS } }),
      (link) => client.pool.listNext(link),
    ),
    listAll(
      () => client.account.listPoolNodeCounts({ accountListPoolNodeCountsOptions: { maxResults: 10 } }),
      (link) => client.account.listPoolNodeCountsNext(link),
    ),
  ]);
  const byPool = new Map(counts.items.map((c) => [c.poolId.toLowerCase(), c]));
  const summaries = pools.items.map((p) => toPoolSummary(p, byPool.get(p.id?.toLowerCase() ?? "")));
  summaries.sort((a, b) => b.unhealthyNodes - a.unhealthyNodes || a.id.localeCompare(b.id));
  return {
    account: { name: account.name, isEmulator: account.isEmulator },
    asOf: new Date(pools.serviceDate ?? Date.now()).toISOString(),
    pools: summaries,
  };
}

function toPoolSummary(pool: BatchServiceModels.CloudPool, counts: BatchServiceModels.PoolNodeCounts | undefined): PoolSummary {
  const nodeStates = Object.fromEntries(
    NODE_STATE_KEYS.map((k) => [k, (counts?.dedicated?.[k] ?? 0) + (counts?.lowPriority?.[k] ?? 0)]),
  ) as PoolSummary["nodeStates"];
  return {
    id: pool.id ?? "",
    state: pool.state ?? "unknown",
    allocationState: pool.allocationState ?? "unknown",
    vmSize: pool.vmSize ?? "",
    dedicated: { current: pool.currentDedicatedNodes ?? 0, target: pool.targetDedicatedNodes ?? 0 },
    lowPriority: { current: pool.currentLowPriorityNodes ?? 0, target: pool.targetLowPriorityNodes ?? 0 },
    nodeStates,
    unhealthyNodes: UNHEALTHY.reduce((sum, k) => sum + nodeStates[k], 0),
    hasResizeErrors: (pool.resizeErrors?.length ?? 0) > 0,
  };
}
