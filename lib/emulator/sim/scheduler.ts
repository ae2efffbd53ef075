import type { NodeRecord, PoolRecord } from "../model/types";
import type { SimContext } from "./context";
import { startRun } from "./task-runs";

const accepts = (node: NodeRecord) =>
  !node.removed && !node.pending && node.wire.schedulingState === "enabled" && (node.wire.state === "idle" || node.wire.state === "running");

/**
 * One scheduling pass: active tasks, highest job priority first, go to nodes with free slots. Spread
 * fills nodes round-robin; pack fills one node before the next.
 */
export function schedulePass(ctx: SimContext): void {
  const jobs = ctx.store.jobs
    .values()
    .filter((j) => j.wire.state === "active" && j.queue.size > 0)
    .sort((a, b) => b.wire.priority - a.wire.priority);
  const candidates = new Map<PoolRecord, NodeRecord[]>();
  for (const job of jobs) {
    const pool = job.wire.poolInfo.poolId ? ctx.store.pools.get(job.wire.poolInfo.poolId) : undefined;
    if (!pool || pool.wire.state !== "active") continue;
    let nodes = candidates.get(pool);
    if (!nodes) {
      nodes = pool.nodes.values().filter(accepts);
      candidates.set(pool, nodes);
    }
    const slotsPerNode = pool.wire.taskSlotsPerNode;
    const pack = pool.wire.taskSchedulingPolicy.nodeFillType === "Pack";
    for (const task of job.queue.values()) {
      if (nodes.length === 0) break;
      const need = task.wire.requiredSlots;
      if (need > slotsPerNode) continue;
      const start = pack ? 0 : pool.cursor % nodes.length;
      for (let k = 0; k < nodes.length; k++) {
        const idx = (start + k) % nodes.length;
        const node = nodes[idx]!;
        if (slotsPerNode - node.wire.runningTaskSlotsCount < need) continue;
        startRun(ctx, job, task, node);
        pool.cursor = idx + 1;
        // A node that is now full, or that a bad outcome took out of service, leaves the candidates.
        if (node.wire.runningTaskSlotsCount >= slotsPerNode || !accepts(node)) nodes.splice(idx, 1);
        break;
      }
    }
  }
}
