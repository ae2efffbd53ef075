import { z } from "zod";
import { failureInfo, nameValue } from "./common";

export const FAILURE_CATEGORIES = ["PreProcessing", "FileUpload", "Application", "Constraint", "Terminated", "Container", "Node", "Unknown"] as const;
export const failureCategory = z.enum(FAILURE_CATEGORIES);

export const classification = z.object({
  outcome: z.enum(["failed", "succeeded", "running", "waiting"]),
  category: failureCategory.optional(),
  explanation: z.string().optional(),
  nextStep: z.string().optional(),
  code: z.string().optional(),
  message: z.string().optional(),
  details: z.array(nameValue).optional(),
  /** Batch's own failureInfo.category (usererror, servererror), kept raw. */
  serviceCategory: z.string().optional(),
  exitCode: z.number().optional(),
  exitCodeMeaning: z.string().optional(),
  interrupted: z.object({ requeueCount: z.number(), lastRequeueTime: z.string().optional() }).optional(),
  retried: z.object({ retryCount: z.number(), lastRetryTime: z.string().optional() }).optional(),
});
export type Classification = z.infer<typeof classification>;

export const taskRow = z.object({
  id: z.string(),
  jobId: z.string(),
  state: z.string(),
  stateTransitionTime: z.string().optional(),
  nodeId: z.string().optional(),
  poolId: z.string().optional(),
  startTime: z.string().optional(),
  endTime: z.string().optional(),
  exitCode: z.number().optional(),
  result: z.string().optional(),
  failureCode: z.string().optional(),
  retryCount: z.number(),
  requeueCount: z.number(),
  classification,
});
export type TaskRow = z.infer<typeof taskRow>;

export const taskPage = z.object({
  asOf: z.string(),
  jobId: z.string(),
  tasks: z.array(taskRow),
  /** Opaque; pass back as `cursor` for the next page. Absent on the last page. */
  nextCursor: z.string().optional(),
  /** Batch pages read to produce this page (server-side filters may skip many). */
  batchPagesRead: z.number(),
});
export type TaskPage = z.infer<typeof taskPage>;

export const taskDetail = taskRow.extend({
  displayName: z.string().optional(),
  creationTime: z.string().optional(),
  commandLine: z.string(),
  constraints: z.object({ maxWallClockTime: z.string().optional(), retentionTime: z.string().optional(), maxTaskRetryCount: z.number().optional() }),
  requiredSlots: z.number(),
  resourceFiles: z.array(z.object({ source: z.string(), filePath: z.string().optional() })),
  outputFiles: z.array(z.object({ filePattern: z.string(), destination: z.string(), uploadCondition: z.string() })),
  failureInfo: failureInfo.optional(),
  taskRootDirectory: z.string().optional(),
});
export type TaskDetail = z.infer<typeof taskDetail>;
export const taskDetailResponse = z.object({ asOf: z.string(), task: taskDetail });
