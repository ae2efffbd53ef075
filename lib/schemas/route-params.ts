import { z } from "zod";
import { batchId, filePath, jobId, nodeId } from "./inputs";

/** An account's name in our URLs. */
export const accountName = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, "must be 1–64 letters, digits or hyphens");

export const poolParams = z.object({ poolId: batchId });
export const nodeParams = z.object({ poolId: batchId, nodeId });
export const jobParams = z.object({ jobId });
/** A job schedule's id is one a user created: the 64-character rule holds. */
export const jobScheduleParams = z.object({ scheduleId: batchId });
export const taskParams = z.object({ jobId, taskId: batchId });
/** A catch-all [...path] segment: the parts joined with "/" and checked as one relative path. */
export const pathParam = z.array(z.string()).transform((parts) => parts.join("/")).pipe(filePath);
export const nodeFileParams = nodeParams.extend({ path: pathParam });
export const taskFileParams = taskParams.extend({ path: pathParam });
export const fileListQuery = z.object({ recursive: z.enum(["true", "false"]).default("false") });
