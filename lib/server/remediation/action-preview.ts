import "server-only";
import { availability, type PoolFacts } from "@/lib/remediation/availability";
import { idKey } from "@/lib/schemas/ids";
import { NODE_ACTIONS, type PreviewNode, type PreviewResponse } from "@/lib/schemas/remediation";
import { NODE_STATES, SCHEDULING_STATES, TASK_STATES, wireEnum } from "@/lib/schemas/wire-values";
import type { BatchAccount } from "@/lib/batch/accounts";
import { listAll } from "@/lib/batch/paging";
import { getPool } from "@/lib/batch/pools";
import { cachedRead } from "@/lib/batch/read";
import { poolKeys } from "@/lib/batch/read-keys";

interface ActionNode {
  id: string;
  state: string;
  schedulingState: string;
  dedicated?: boolean;
  running: { jobId: string; taskId: string }[];
}

/**
 * What the action dialog shows before anything is sent: the pool's allocation state and configuration,
 * and per selected node its state, the tasks running on it and which actions Batch would take now. One
 * node list for the whole selection (cached like every read), however many nodes are selected.
 */
export async function previewActions(account: BatchAccount, poolId: string, nodeIds: string[]): Promise<PreviewResponse> {
  const [{ pool }, { nodes, asOf }] = await Promise.all([getPool(account, poolId), actionNodes(account, poolId)]);
  const facts: PoolFacts = { allocationState: pool.allocationState, configuration: pool.configuration, apiVersion: account.apiVersion };
  // An id typed or linked in another case is still the node (docs/real-service.md).
  const byId = new Map(nodes.map((n) => [idKey(n.id), n]));
  return {
    asOf,
    poolId,
    allocationState: pool.allocationState,
    configuration: pool.configuration,
    apiVersion: account.apiVersion,
    targets: { dedicated: pool.dedicated.target, lowPriority: pool.lowPriority.target },
    nodes: nodeIds.map((nodeId): PreviewNode => {
      const n = byId.get(idKey(nodeId));
      const node = n ? { exists: true, state: n.state, schedulingState: n.schedulingState } : { exists: false };
      const actions = Object.fromEntries(NODE_ACTIONS.map((a) => [a, availability(a, node, facts)])) as PreviewNode["actions"];
      return n
        ? {
            nodeId,
            exists: true,
            state: n.state,
            schedulingState: n.schedulingState,
            runningTasks: n.running,
            ...(n.dedicated !== undefined ? { dedicated: n.dedicated } : {}),
            actions,
          }
        : { nodeId, exists: false, runningTasks: [], actions };
    }),
  };
}

function actionNodes(account: BatchAccount, poolId: string) {
  return cachedRead(account, poolKeys.actionNodes(poolId), async ({ client }) => {
    const { items } = await listAll(
      () => client.computeNode.list(poolId, { computeNodeListOptions: { select: "id,state,schedulingState,isDedicated,recentTasks" } }),
      (link) => client.computeNode.listNext(link),
    );
    return {
      nodes: items.map((n): ActionNode => ({
        id: n.id ?? "",
        state: wireEnum(n.state, NODE_STATES) ?? "unknown",
        schedulingState: wireEnum(n.schedulingState, SCHEDULING_STATES) ?? "enabled",
        ...(typeof n.isDedicated === "boolean" ? { dedicated: n.isDedicated } : {}),
        running: (n.recentTasks ?? [])
          .filter((t) => wireEnum(t.taskState, TASK_STATES) === "running")
          .map((t) => ({ jobId: t.jobId ?? "", taskId: t.taskId ?? "" })),
      })),
    };
  });
}
