import "server-only";
import type { BatchServiceModels } from "@azure/batch";
import { classifyTask } from "@/lib/failures/classify-task";
import type { NodeDetailResponse, NodeListResponse, NodeRow } from "@/lib/schemas/nodes";
import type { BatchAccount } from "./accounts";
import { listAll } from "./paging";
import { cachedRead } from "./read";
import { compact, failureInfoView, iso } from "./views";

const NODE_ROW_FIELDS =
  "id,state,schedulingState,stateTransitionTime,isDedicated,ipAddress,runningTasksCount,runningTaskSlotsCount,totalTasksRun,totalTasksSucceeded,errors,startTaskInfo";

export function listNodes(account: BatchAccount, poolId: string): Promise<NodeListResponse> {
  return cachedRead(account, `nodes|${poolId}`, async ({ client }) => {
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
    state: n.state ?? "unknown",
    schedulingState: n.schedulingState ?? "enabled",
    stateTransitionTime: iso(n.stateTransitionTime),
    isDedicated: n.isDedicated ?? true,
    ipAddress: n.ipAddress,
    runningTasks: n.runningTasksCount ?? 0,
    runningTaskSlots: n.runningTaskSlotsCount ?? 0,
    totalTasksRun: n.totalTasksRun ?? 0,
    totalTasksSucceeded: n.totalTasksSucceeded ?? 0,
    errors: (n.errors ?? []).map((e) => ({
      code: e.code ?? "",
      message: e.message ?? "",
      details: (e.errorDetails ?? []).map((d) => ({ name: d.name ?? "", value: d.value ?? "" })),
    })),
    startTask: st
      ? compact({
          state: st.state,
          startTime: iso(st.startTime),
          endTime: iso(st.endTime),
          exitCode: st.exitCode,
          result: st.result,
          retryCount: st.retryCount,
          failureInfo: failureInfoView(st.failureInfo),
        })
      : undefined,
  });
}

export function getNode(account: BatchAccount, poolId: string, nodeId: string): Promise<NodeDetailResponse> {
  return cachedRead(account, `node|${poolId}|${nodeId}`, async ({ client }) => {
    const n = await client.computeNode.get(poolId, nodeId);
    return {
      node: compact({
        ...toNodeRow(n, poolId),
        vmSize: n.vmSize,
        lastBootTime: iso(n.lastBootTime),
        allocationTime: iso(n.allocationTime),
        nodeAgentVersion: n.nodeAgentInfo?.version,
        startTaskCommandLine: n.startTask?.commandLine,
        recentTasks: (n.recentTasks ?? []).map((r) => {
          const e = r.executionInfo;
          const c = classifyTask({ id: r.taskId ?? "", state: r.taskState, ...(e ? { executionInfo: e } : {}) });
          return compact({
            jobId: r.jobId ?? "",
            taskId: r.taskId ?? "",
            state: r.taskState,
            startTime: iso(e?.startTime),
            endTime: iso(e?.endTime),
            exitCode: e?.exitCode,
            category: c.category,
            outcome: c.outcome,
            failureCode: e?.failureInfo?.code,
          });
        }),
      }),
    };
  });
}
