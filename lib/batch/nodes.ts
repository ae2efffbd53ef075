import "server-only";
import type { BatchServiceModels } from "@azure/batch";
import { classifyTask } from "@/lib/failures/classify-task";
import type { NodeDetailResponse, NodeListResponse, NodeRow } from "@/lib/schemas/nodes";
import {
  EXECUTION_RESULTS,
  NODE_STATES,
  SCHEDULING_STATES,
  START_TASK_STATES,
  TASK_STATES,
  wireBoolean,
  wireEnum,
  wireInteger,
  wireString,
} from "@/lib/schemas/wire-values";
import type { BatchAccount } from "./accounts";
import { listAll } from "./paging";
import { cachedRead } from "./read";
import { poolKeys } from "./read-keys";
import { compact, failureInfo, iso, shownPairs, shownText } from "./to-api";

const NODE_ROW_FIELDS =
  "id,state,schedulingState,stateTransitionTime,isDedicated,ipAddress,runningTasksCount,runningTaskSlotsCount,totalTasksRun,totalTasksSucceeded,errors,startTaskInfo";

export function listNodes(account: BatchAccount, poolId: string): Promise<NodeListResponse> {
  return cachedRead(account, poolKeys.nodes(poolId), async ({ client }) => {
    const { items } = await listAll(
      () => client.computeNode.list(poolId, { computeNodeListOptions: { select: NODE_ROW_FIELDS } }),
      (link) => client.computeNode.listNext(link),
    );
    return { poolId, nodes: items.map((n) => toNodeRow(n, poolId)) };
  });
}

export function toNodeRow(n: BatchServiceModels.ComputeNode, poolId: string): NodeRow {
  const st = n.startTaskInfo;
  return compact({
    id: n.id ?? "",
    poolId,
    state: wireEnum(n.state, NODE_STATES) ?? "unknown",
    schedulingState: wireEnum(n.schedulingState, SCHEDULING_STATES) ?? "enabled",
    stateTransitionTime: iso(n.stateTransitionTime),
    isDedicated: wireBoolean(n.isDedicated) ?? true,
    ipAddress: n.ipAddress,
    runningTasks: wireInteger(n.runningTasksCount) ?? 0,
    runningTaskSlots: wireInteger(n.runningTaskSlotsCount) ?? 0,
    totalTasksRun: wireInteger(n.totalTasksRun) ?? 0,
    totalTasksSucceeded: wireInteger(n.totalTasksSucceeded) ?? 0,
    errors: (n.errors ?? []).map((e) => ({
      code: wireString(e.code) ?? "",
      message: shownText(wireString(e.message)) ?? "",
      details: shownPairs(e.errorDetails),
    })),
    startTask: st
      ? compact({
          state: wireEnum(st.state, START_TASK_STATES) ?? "unknown",
          startTime: iso(st.startTime),
          endTime: iso(st.endTime),
          exitCode: wireInteger(st.exitCode),
          result: wireEnum(st.result, EXECUTION_RESULTS),
          retryCount: wireInteger(st.retryCount) ?? 0,
          failureInfo: failureInfo(st.failureInfo),
        })
      : undefined,
  });
}

export function getNode(account: BatchAccount, poolId: string, nodeId: string): Promise<NodeDetailResponse> {
  return cachedRead(account, poolKeys.node(poolId, nodeId), async ({ client }) => {
    const n = await client.computeNode.get(poolId, nodeId);
    return {
      node: compact({
        ...toNodeRow(n, poolId),
        vmSize: n.vmSize,
        lastBootTime: iso(n.lastBootTime),
        allocationTime: iso(n.allocationTime),
        nodeAgentVersion: n.nodeAgentInfo?.version,
        startTaskCommandLine: shownText(n.startTask?.commandLine),
        recentTasks: (n.recentTasks ?? []).map((r) => {
          const e = r.executionInfo;
          const c = classifyTask({ id: r.taskId ?? "", state: r.taskState, ...(e ? { executionInfo: e } : {}) });
          return compact({
            jobId: r.jobId ?? "",
            taskId: r.taskId ?? "",
            state: wireEnum(r.taskState, TASK_STATES) ?? "active",
            startTime: iso(e?.startTime),
            endTime: iso(e?.endTime),
            exitCode: wireInteger(e?.exitCode),
            category: c.category,
            outcome: c.outcome,
            failureCode: e?.failureInfo?.code,
          });
        }),
      }),
    };
  });
}
