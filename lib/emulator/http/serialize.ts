import type { JobRecord, NodeRecord, PoolRecord, TaskRecord } from "../model/types";

/** Stored records → the JSON Batch sends: urls are derived here, never stored (the base URL is the listener's). */
export function poolJson(pool: PoolRecord, base: string) {
  return { ...pool.wire, url: `${base}/pools/${encodeURIComponent(pool.wire.id)}` };
}

export function nodeJson(node: NodeRecord, base: string) {
  const nodeUrl = `${base}/pools/${encodeURIComponent(node.poolId)}/nodes/${encodeURIComponent(node.wire.id)}`;
  const recent = node.taskHistory.slice(-10).reverse();
  return {
    ...node.wire,
    url: nodeUrl,
    ...(recent.length > 0
      ? {
          recentTasks: recent.map((t) => ({
            taskUrl: taskUrl(base, t.jobId, t.wire.id),
            jobId: t.jobId,
            taskId: t.wire.id,
            taskState: t.wire.state,
            executionInfo: t.wire.executionInfo,
          })),
        }
      : {}),
  };
}

export function jobJson(job: JobRecord, base: string) {
  return { ...job.wire, url: `${base}/jobs/${encodeURIComponent(job.wire.id)}` };
}

export function taskJson(task: TaskRecord, base: string) {
  const w = task.wire;
  const info = w.nodeInfo;
  return {
    ...w,
    url: taskUrl(base, task.jobId, w.id),
    ...(info
      ? {
          nodeInfo: {
            ...info,
            nodeUrl: `${base}/pools/${encodeURIComponent(info.poolId)}/nodes/${encodeURIComponent(info.nodeId)}`,
            taskRootDirectoryUrl: `${base}/pools/${encodeURIComponent(info.poolId)}/nodes/${encodeURIComponent(info.nodeId)}/files/${info.taskRootDirectory}`,
          },
        }
      : {}),
  };
}

const taskUrl = (base: string, jobId: string, taskId: string) => `${base}/jobs/${encodeURIComponent(jobId)}/tasks/${encodeURIComponent(taskId)}`;

const names = (...list: string[]) => new Set(list);
export const POOL_PROPS = names(
  "id",
  "displayName",
  "url",
  "eTag",
  "lastModified",
  "creationTime",
  "state",
  "stateTransitionTime",
  "allocationState",
  "allocationStateTransitionTime",
  "vmSize",
  "virtualMachineConfiguration",
  "cloudServiceConfiguration",
  "resizeTimeout",
  "resizeErrors",
  "currentDedicatedNodes",
  "currentLowPriorityNodes",
  "targetDedicatedNodes",
  "targetLowPriorityNodes",
  "enableAutoScale",
  "autoScaleFormula",
  "autoScaleEvaluationInterval",
  "autoScaleRun",
  "enableInterNodeCommunication",
  "networkConfiguration",
  "startTask",
  "certificateReferences",
  "applicationPackageReferences",
  "applicationLicenses",
  "taskSlotsPerNode",
  "taskSchedulingPolicy",
  "userAccounts",
  "metadata",
  "stats",
  "mountConfiguration",
  "identity",
  "targetNodeCommunicationMode",
  "currentNodeCommunicationMode",
);
export const NODE_PROPS = names(
  "id",
  "url",
  "state",
  "schedulingState",
  "stateTransitionTime",
  "lastBootTime",
  "allocationTime",
  "ipAddress",
  "affinityId",
  "vmSize",
  "totalTasksRun",
  "runningTasksCount",
  "runningTaskSlotsCount",
  "totalTasksSucceeded",
  "recentTasks",
  "startTask",
  "startTaskInfo",
  "certificateReferences",
  "errors",
  "isDedicated",
  "endpointConfiguration",
  "nodeAgentInfo",
  "virtualMachineInfo",
);
export const JOB_PROPS = names(
  "id",
  "displayName",
  "usesTaskDependencies",
  "url",
  "eTag",
  "lastModified",
  "creationTime",
  "state",
  "stateTransitionTime",
  "previousState",
  "previousStateTransitionTime",
  "priority",
  "allowTaskPreemption",
  "maxParallelTasks",
  "constraints",
  "jobManagerTask",
  "jobPreparationTask",
  "jobReleaseTask",
  "commonEnvironmentSettings",
  "poolInfo",
  "onAllTasksComplete",
  "onTaskFailure",
  "networkConfiguration",
  "metadata",
  "executionInfo",
  "stats",
);
export const TASK_PROPS = names(
  "id",
  "displayName",
  "url",
  "eTag",
  "lastModified",
  "creationTime",
  "exitConditions",
  "state",
  "stateTransitionTime",
  "previousState",
  "previousStateTransitionTime",
  "commandLine",
  "containerSettings",
  "resourceFiles",
  "outputFiles",
  "environmentSettings",
  "affinityInfo",
  "constraints",
  "requiredSlots",
  "userIdentity",
  "executionInfo",
  "nodeInfo",
  "multiInstanceSettings",
  "stats",
  "dependsOn",
  "applicationPackageReferences",
  "authenticationTokenSettings",
);
