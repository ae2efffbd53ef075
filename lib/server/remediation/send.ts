import "server-only";
import type { BatchServiceClient } from "@azure/batch";
import { requestIdOf } from "@/lib/batch/errors";
import { deallocateNode, startNode } from "@/lib/batch/node-power";
import type { Evidence } from "@/lib/schemas/audit";
import type { NodeAction, TaskOption } from "@/lib/schemas/remediation";
import { claimNode } from "./claim";
import type { Pending, SendContext } from "./context";
import { accept, evidenceOrRefusal, fail } from "./outcomes";
import { snapshotBefore, type SnapshotLink } from "./snapshot-before";

export type NodeByNodeAction = Exclude<NodeAction, "remove">;

/**
 * One node, one call: evidence first for a reimage (not on a retry, whose record already holds it), then the
 * intent with its claim (none if another request of the operation claimed the node), the call, the outcome.
 */
export async function sendToNode(ctx: SendContext, action: NodeByNodeAction, p: Pending): Promise<void> {
  let evidence: Evidence | undefined;
  let snapshot: SnapshotLink = {};
  if (action === "reimage" && !p.recordId) {
    const captured = await evidenceOrRefusal(ctx, p);
    if (!captured) return;
    evidence = captured;
    snapshot = await snapshotBefore(ctx, p.nodeId);
  }
  const recordId = p.recordId ?? (await claimNode(ctx, p, { ...(evidence ? { evidence } : {}), ...snapshot }));
  if (recordId === undefined) return;
  let res;
  try {
    res = await nodeCall(ctx.client, action, ctx.poolId, p.nodeId, ctx.option);
  } catch (err) {
    return fail(ctx, [{ ...p, recordId }], err);
  }
  await accept(ctx, [{ ...p, recordId }], requestIdOf(res));
}

function nodeCall(client: BatchServiceClient, action: NodeByNodeAction, poolId: string, nodeId: string, option: TaskOption | undefined) {
  switch (action) {
    case "reboot":
      return client.computeNode.reboot(poolId, nodeId, option ? { nodeRebootOption: option } : {});
    case "reimage":
      return client.computeNode.reimage(poolId, nodeId, option ? { nodeReimageOption: option } : {});
    case "disableScheduling":
      return client.computeNode.disableScheduling(
        poolId,
        nodeId,
        option ? { nodeDisableSchedulingOption: option as "requeue" | "terminate" | "taskcompletion" } : {},
      );
    case "enableScheduling":
      return client.computeNode.enableScheduling(poolId, nodeId);
    case "deallocate":
      return deallocateNode(client, poolId, nodeId, option);
    case "start":
      return startNode(client, poolId, nodeId);
  }
}
