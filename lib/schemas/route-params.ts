import { z } from "zod";
import { USER_NAME_PATTERN } from "@/lib/connect/credentials";
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
export const pathParam = z
  .array(z.string())
  .transform((parts) => parts.join("/"))
  .pipe(filePath);
export const nodeFileParams = nodeParams.extend({ path: pathParam });
export const taskFileParams = taskParams.extend({ path: pathParam });
export const fileListQuery = z.object({ recursive: z.enum(["true", "false"]).default("false") });

/** Routes under an account that take no path parameter beyond it. */
export const accountParams = z.object({});
/** Route handlers that take no query. */
export const noQuery = z.object({});
export const auditRecordParams = z.object({ recordId: z.uuid("must be an audit record id") });
/** Only users this dashboard made can be removed through it: never the node's own or someone's hand-made account. */
export const nodeUserParams = nodeParams.extend({
  userName: z.string().regex(USER_NAME_PATTERN, "is not a user this dashboard created (bs- and 8 letters or digits)"),
});

/** A snapshot's id: 128 random bits, base64url (lib/audit/snapshots.ts). */
export const snapshotParams = z.object({ snapshotId: z.string().regex(/^[A-Za-z0-9_-]{22}$/, "is not a snapshot id") });
/** GET /api/accounts/{account}/snapshots?pool=&job=&author=&cursor=&limit= */
export const snapshotListQuery = z.object({
  pool: batchId.optional(),
  job: jobId.optional(),
  author: z.string().trim().min(1).max(200).optional(),
  cursor: z
    .string()
    .regex(/^[0-9]{1,15}$/, "is not a cursor this server issued")
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
