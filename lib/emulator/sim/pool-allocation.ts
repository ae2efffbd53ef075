import { createHash } from "node:crypto";
import { iso } from "../clock";
import { Errors } from "../errors";
import type { NodeRecord, PoolRecord, TaskAction } from "../model/types";
import type { SimContext } from "./context";
import { act, bootNode, leavePool } from "./node-lifecycle";

/**
 * A node id in the service's shape. Virtual-machine pools give `tvmps_<64 hex>_d` for dedicated nodes and `_p` for
 * spot/low-priority ones (72 characters, as recordings of the real service show); cloud-service pools keep the older
 * `tvm-<digits>_<n>-<stamp>` form. Both are derived from the pool and the node's number rather than the clock or a
 * random source, so the same seed gives the same node ids on every start.
 */
function nodeId(pool: PoolRecord, n: number, dedicated: boolean): string {
  const poolKey = pool.wire.id.toLowerCase();
  if (!pool.wire.cloudServiceConfiguration) {
    const hex = createHash("sha256").update(`${poolKey}\n${n}`).digest("hex");
    return `tvmps_${hex}_${dedicated ? "d" : "p"}`;
  }
  let h = 2166136261;
  for (const c of poolKey) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  const stamp = new Date(Date.UTC(2026, 0, 1) + ((h % 86_400) + n * 37) * 1000).toISOString().replace(/[-:]/g, "").slice(0, 15).toLowerCase();
  return `tvm-${h % 10_000_000_000}_${n}-${stamp}z`;
}

/** Adds a node record without booting it; scenarios use this to lay down history. */
export function createNodeRecord(pool: PoolRecord, dedicated: boolean, allocatedMs: number): NodeRecord {
  const n = ++pool.nodeCounter;
  const id = nodeId(pool, n, dedicated);
  const allocated = iso(allocatedMs);
  const node: NodeRecord = {
    poolId: pool.wire.id,
    running: new Set(),
    fault: "none",
    files: new Map(),
    taskHistory: [],
    generation: 0,
    portOffset: n,
    users: new Map(),
    wire: {
      id,
      state: "creating",
      schedulingState: "enabled",
      stateTransitionTime: allocated,
      allocationTime: allocated,
      ipAddress: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
      affinityId: `TVM:${id}`,
      vmSize: pool.wire.vmSize,
      totalTasksRun: 0,
      totalTasksSucceeded: 0,
      runningTasksCount: 0,
      runningTaskSlotsCount: 0,
      isDedicated: dedicated,
      ...(pool.wire.startTask ? { startTask: pool.wire.startTask } : {}),
      endpointConfiguration: {
        inboundEndpoints: [
          {
            name: "SSHRule.0",
            protocol: "tcp",
            publicIPAddress: "203.0.113.10",
            publicFQDN: `dns-${pool.wire.id.toLowerCase()}.emulator.batch.local`,
            frontendPort: 50000 + n,
            backendPort: 22,
          },
        ],
      },
      nodeAgentInfo: { version: "1.9.27", lastUpdateTime: allocated },
      ...(pool.wire.virtualMachineConfiguration ? { virtualMachineInfo: { imageReference: pool.wire.virtualMachineConfiguration.imageReference } } : {}),
    },
  };
  pool.nodes.add(id, node);
  if (dedicated) pool.wire.currentDedicatedNodes++;
  else pool.wire.currentLowPriorityNodes++;
  return node;
}

function setAllocation(ctx: SimContext, pool: PoolRecord, state: "steady" | "resizing"): void {
  const now = ctx.now();
  pool.wire.allocationState = state;
  pool.wire.allocationStateTransitionTime = iso(now);
  ctx.store.touch(pool.wire, now);
}

/**
 * Grows or shrinks the pool towards its targets. Growth stops at the account's quota and leaves a resize
 * error, as the service does; shrinking removes idle nodes first.
 */
export function resizePool(ctx: SimContext, pool: PoolRecord, option: TaskAction = "requeue"): void {
  if (pool.wire.state === "deleting") throw Errors.poolBeingDeleted();
  setAllocation(ctx, pool, "resizing");
  delete pool.wire.resizeErrors;
  const live = pool.nodes.values().filter((n) => n.wire.state !== "leavingpool");
  const errors: NonNullable<PoolRecord["wire"]["resizeErrors"]> = [];
  for (const dedicated of [true, false]) {
    const have = live.filter((n) => n.wire.isDedicated === dedicated);
    let target = dedicated ? pool.wire.targetDedicatedNodes : pool.wire.targetLowPriorityNodes;
    if (dedicated && pool.quotaDedicatedNodes !== undefined && target > pool.quotaDedicatedNodes) {
      errors.push(coreQuotaReached(pool.quotaDedicatedNodes, target));
      target = pool.quotaDedicatedNodes;
    }
    if (!dedicated && pool.spotCapacity !== undefined && target > pool.spotCapacity) {
      errors.push(allocationTimedOut(pool.wire.resizeTimeout));
      target = pool.spotCapacity;
    }
    for (let i = have.length; i < target; i++) bootNode(ctx, pool, createNodeRecord(pool, dedicated, ctx.now()), "creating");
    const surplus = have.length - target;
    if (surplus > 0) {
      const order = [...have].sort((a, b) => a.running.size - b.running.size);
      for (const node of order.slice(0, surplus)) act(ctx, node, "remove", option);
    }
  }
  ctx.queue.after(ctx.timings.allocation, () => {
    if (pool.deleted) return;
    if (errors.length > 0) pool.wire.resizeErrors = errors;
    setAllocation(ctx, pool, "steady");
  });
}

/** The wire error for a resize stopped by the account's core quota; cores are counted per node. */
export function coreQuotaReached(quotaNodes: number, requestedNodes: number, coresPerNode = 4) {
  return {
    code: "AccountCoreQuotaReached",
    message: "The specified account has reached VM core quota.",
    values: [
      { name: "CoreQuota", value: String(quotaNodes * coresPerNode) },
      { name: "RequestedCores", value: String(requestedNodes * coresPerNode) },
    ],
  };
}

/** The wire error for a resize that could not get its nodes in time (note Batch's lowercase "o"). */
export function allocationTimedOut(resizeTimeout: string) {
  return {
    code: "AllocationTimedout",
    message: `The desired number of compute nodes could not be allocated within the resize timeout (${resizeTimeout}).`,
    values: [{ name: "ResizeTimeout", value: resizeTimeout }],
  };
}

/** POST pools/{id}/removenodes: only from steady; the targets drop with the nodes. */
export function removeNodes(ctx: SimContext, pool: PoolRecord, nodes: NodeRecord[], option: TaskAction): void {
  if (pool.wire.state === "deleting") throw Errors.poolBeingDeleted();
  if (pool.wire.allocationState !== "steady") throw Errors.poolNotSteadyForRemoval();
  setAllocation(ctx, pool, "resizing");
  delete pool.wire.resizeErrors;
  for (const node of nodes) {
    if (node.wire.isDedicated) pool.wire.targetDedicatedNodes = Math.max(0, pool.wire.targetDedicatedNodes - 1);
    else pool.wire.targetLowPriorityNodes = Math.max(0, pool.wire.targetLowPriorityNodes - 1);
    act(ctx, node, "remove", option);
  }
  ctx.queue.after(ctx.timings.leavePool + ctx.timings.allocation, () => !pool.deleted && setAllocation(ctx, pool, "steady"));
}

/** DELETE pools/{id}: running tasks are requeued, the nodes leave, then the pool is gone. */
export function deletePool(ctx: SimContext, pool: PoolRecord): void {
  if (pool.wire.state === "deleting") throw Errors.poolBeingDeleted();
  const now = ctx.now();
  pool.wire.state = "deleting";
  pool.wire.stateTransitionTime = iso(now);
  ctx.store.touch(pool.wire, now);
  for (const node of pool.nodes.values()) act(ctx, node, "remove", "requeue");
  ctx.queue.after(ctx.timings.leavePool + 1, () => {
    pool.deleted = true;
    for (const node of pool.nodes.values()) if (!node.removed) leavePool(ctx, pool, node);
    ctx.store.pools.delete(pool.wire.id);
  });
}
