import { z } from "zod";
import { batchId } from "./inputs";

export const compareQuery = z.object({ failed: batchId, succeeded: batchId.optional() });
export type CompareQuery = z.infer<typeof compareQuery>;

/** A log tail of a compared task, or why it could not be read (the node was removed, the task never ran). */
export const compareTail = z.object({
  path: z.string(),
  text: z.string().optional(),
  /** Where the tail starts in the file and the file's size: the tail is the whole file when start is 0. */
  start: z.number().optional(),
  size: z.number().optional(),
  unavailable: z.string().optional(),
});
export type CompareTail = z.infer<typeof compareTail>;

export const compareSide = z.object({
  id: z.string(),
  state: z.string(),
  result: z.string().optional(),
  nodeId: z.string().optional(),
  poolId: z.string().optional(),
  creationTime: z.string().optional(),
  startTime: z.string().optional(),
  endTime: z.string().optional(),
  /** End minus start. */
  durationMs: z.number().optional(),
  /** Start minus creation: how long the task waited for a node. */
  waitMs: z.number().optional(),
  exitCode: z.number().optional(),
  failureCode: z.string().optional(),
  category: z.string().optional(),
  retryCount: z.number(),
  commandLine: z.string(),
  environment: z.array(z.object({ name: z.string(), value: z.string() })),
  stderr: compareTail,
  stdout: compareTail,
});
export type CompareSide = z.infer<typeof compareSide>;

export const compareResponse = z.object({
  asOf: z.string(),
  failed: compareSide,
  succeeded: compareSide.optional(),
  /** How the succeeded task was chosen: named in the link, the same command shape, the nearest in time, or none found. */
  chosen: z.enum(["given", "sameShape", "recent", "none"]),
});
export type CompareResponse = z.infer<typeof compareResponse>;
