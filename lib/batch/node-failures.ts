import "server-only";
import { compareNatural } from "@/lib/compare-natural";
import type { NodeFailuresResponse } from "@/lib/schemas/node-failures";
import { sameId } from "@/lib/schemas/ids";
import type { WindowQuery } from "@/lib/schemas/inputs";
import type { BatchAccount } from "./accounts";
import { scopeTasks } from "./heatmap-reads";

/**
 * One node's failed tasks in the window: the pool heatmap's read (cached and shared with it), kept to the
 * node and to the window exactly as the heatmap counts it (from ≤ end < to), so the list and the node's
 * heatmap row agree. Newest first; equal end times by job and task id, so the order is stable.
 */
export async function nodeFailures(account: BatchAccount, poolId: string, nodeId: string, w: WindowQuery): Promise<NodeFailuresResponse> {
  const data = await scopeTasks(account, { kind: "pool", poolId }, w);
  const { from, to } = data.window;
  const onNode = data.tasks.filter((t) => sameId(t.nodeId, nodeId) && t.endTime >= from && t.endTime < to);
  const tasks = onNode
    .filter((t) => t.failed)
    .sort((a, b) => b.endTime - a.endTime || compareNatural(a.jobId, b.jobId) || compareNatural(a.id, b.id))
    .map((t) => ({
      jobId: t.jobId,
      taskId: t.id,
      endTime: t.endTime,
      category: t.category ?? "Unknown",
      ...(t.exitCode !== undefined ? { exitCode: t.exitCode } : {}),
    }));
  return { asOf: data.asOf, nodeId, window: { from, to }, completed: onNode.length, tasks };
}
