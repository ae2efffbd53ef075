import "server-only";
import type { BatchServiceModels } from "@azure/batch";
import { idKey } from "@/lib/schemas/ids";
import { poolConfiguration } from "@/lib/connect/node-access";
import { NODE_STATE_KEYS, type PoolDetailResponse, type PoolListResponse, type PoolSummary } from "@/lib/schemas/pools";
import { ALLOCATION_STATES, POOL_STATES, wireEnum, wireInteger, wireString } from "@/lib/schemas/wire-values";
import type { BatchAccount } from "./accounts";
import { listAll } from "./paging";
import { cachedRead } from "./read";
import { poolKeys } from "./read-keys";
import { compact, iso, shownPairs, shownText } from "./to-api";

const POOL_FIELDS = "id,state,allocationState,vmSize,currentDedicatedNodes,currentLowPriorityNodes,targetDedicatedNodes,targetLowPriorityNodes,resizeErrors";
const UNHEALTHY = ["startTaskFailed", "unusable", "unknown"] as const;

/** Pools with their node-state counts: two list calls (pools, node counts), whatever the number of nodes. */
export function listPoolSummaries(account: BatchAccount): Promise<PoolListResponse> {
  return cachedRead(account, poolKeys.list(), async ({ client }) => {
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
    const byPool = new Map(counts.items.map((c) => [idKey(c.poolId), c]));
    const summaries = pools.items.map((p) => toPoolSummary(p, byPool.get(idKey(p.id ?? ""))));
    summaries.sort((a, b) => b.unhealthyNodes - a.unhealthyNodes || a.id.localeCompare(b.id));
    return { account: { name: account.name, isEmulator: account.isEmulator }, pools: summaries };
  });
}

export function getPool(account: BatchAccount, poolId: string): Promise<PoolDetailResponse> {
  return cachedRead(account, poolKeys.detail(poolId), async ({ client }) => {
    const [pool, counts] = await Promise.all([
      client.pool.get(poolId),
      listAll(
        () => client.account.listPoolNodeCounts({ accountListPoolNodeCountsOptions: { filter: `poolId eq '${poolId}'` } }),
        (link) => client.account.listPoolNodeCountsNext(link),
      ),
    ]);
    const image = pool.virtualMachineConfiguration?.imageReference;
    return {
      pool: compact({
        ...toPoolSummary(pool, counts.items[0]),
        stateTransitionTime: iso(pool.stateTransitionTime),
        allocationStateTransitionTime: iso(pool.allocationStateTransitionTime),
        creationTime: iso(pool.creationTime),
        taskSlotsPerNode: wireInteger(pool.taskSlotsPerNode) ?? 1,
        configuration: poolConfiguration(pool),
        image: image
          ? [image.publisher, image.offer, image.sku, image.version].filter(Boolean).join(" / ")
          : pool.cloudServiceConfiguration
            ? `Cloud Services OS family ${pool.cloudServiceConfiguration.osFamily}`
            : poolConfiguration(pool) === "cloudService"
              ? "Cloud Services (API 2025-06-01 does not show the OS family)"
              : undefined,
        startTaskCommandLine: shownText(pool.startTask?.commandLine),
        resizeTimeout: pool.resizeTimeout,
        resizeErrors: (pool.resizeErrors ?? []).map((e) => ({
          code: wireString(e.code) ?? "",
          message: shownText(wireString(e.message)) ?? "",
          values: shownPairs(e.values),
        })),
      }),
    };
  });
}

/**
 * The SDK's NodeCounts mapper predates deallocated/deallocating/upgradingOS; it copies unknown properties
 * through untouched, so those counts arrive as plain numbers under their wire names.
 */
function countOf(counts: BatchServiceModels.NodeCounts | undefined, key: (typeof NODE_STATE_KEYS)[number]): number {
  return wireInteger((counts as Record<string, unknown> | undefined)?.[key]) ?? 0;
}

function toPoolSummary(pool: BatchServiceModels.CloudPool, counts: BatchServiceModels.PoolNodeCounts | undefined): PoolSummary {
  const nodeStates = Object.fromEntries(
    NODE_STATE_KEYS.map((k) => [k, countOf(counts?.dedicated, k) + countOf(counts?.lowPriority, k)]),
  ) as PoolSummary["nodeStates"];
  return {
    id: pool.id ?? "",
    state: wireEnum(pool.state, POOL_STATES) ?? "unknown",
    allocationState: wireEnum(pool.allocationState, ALLOCATION_STATES) ?? "unknown",
    vmSize: pool.vmSize ?? "",
    dedicated: { current: wireInteger(pool.currentDedicatedNodes) ?? 0, target: wireInteger(pool.targetDedicatedNodes) ?? 0 },
    lowPriority: { current: wireInteger(pool.currentLowPriorityNodes) ?? 0, target: wireInteger(pool.targetLowPriorityNodes) ?? 0 },
    nodeStates,
    unhealthyNodes: UNHEALTHY.reduce((sum, k) => sum + nodeStates[k], 0),
    hasResizeErrors: (pool.resizeErrors?.length ?? 0) > 0,
  };
}
