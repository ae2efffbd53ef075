import { z } from "zod";
import { failureInfo, nameValue } from "./common";

export const nodeError = z.object({ code: z.string(), message: z.string(), details: z.array(nameValue) });
export const startTaskInfo = z.object({
  state: z.string(),
  startTime: z.string().optional(),
  endTime: z.string().optional(),
  exitCode: z.number().optional(),
  result: z.string().optional(),
  retryCount: z.number(),
  failureInfo: failureInfo.optional(),
});

export const nodeRow = z.object({
  id: z.string(),
  poolId: z.string(),
  state: z.string(),
  schedulingState: z.string(),
  stateTransitionTime: z.string().optional(),
  isDedicated: z.boolean(),
  ipAddress: z.string().optional(),
  runningTasks: z.number(),
  runningTaskSlots: z.number(),
  totalTasksRun: z.number(),
  totalTasksSucceeded: z.number(),
  errors: z.array(nodeError),
  startTask: startTaskInfo.optional(),
});
export type NodeRow = z.infer<typeof nodeRow>;

export const nodeListResponse = z.object({ asOf: z.string(), poolId: z.string(), nodes: z.array(nodeRow) });
export type NodeListResponse = z.infer<typeof nodeListResponse>;

export const recentTask = z.object({
  jobId: z.string(),
  taskId: z.string(),
  state: z.string(),
  startTime: z.string().optional(),
  endTime: z.string().optional(),
  exitCode: z.number().optional(),
  category: z.string().optional(),
  outcome: z.string(),
  failureCode: z.string().optional(),
});

export const nodeDetailResponse = z.object({
  asOf: z.string(),
  node: nodeRow.extend({
    vmSize: z.string().optional(),
    lastBootTime: z.string().optional(),
    allocationTime: z.string().optional(),
    nodeAgentVersion: z.string().optional(),
    startTaskCommandLine: z.string().optional(),
    recentTasks: z.array(recentTask),
  }),
});
export type NodeDetailResponse = z.infer<typeof nodeDetailResponse>;
