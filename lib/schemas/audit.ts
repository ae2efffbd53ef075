import { z } from "zod";
import { apiErrorBody } from "./api-error";
import { role } from "./identity";
import { batchId, nodeId } from "./inputs";
import { nodeOutcome, poolTargets } from "./remediation";

/**
 * Everything the audit log records: the node actions (deallocate and start since API 2025-06-01) plus
 * node-user connect/remove and the download of a node's RDP file. Stored as plain text (lib/audit/schema.ts
 * has no constraint on it), so a new name needs no migration.
 */
export const AUDIT_ACTIONS = [
  "reboot",
  "reimage",
  "remove",
  "disableScheduling",
  "enableScheduling",
  "deallocate",
  "start",
  "addUser",
  "deleteUser",
  "downloadRdp",
  // The resize back of a removal with "keep capacity": a pool-level record (nodeId empty) in the removal's operation.
  "resizePool",
  // An operator deleted a snapshot (docs/snapshots.md): account-level (pool and node are the snapshot's, or empty).
  "deleteSnapshot",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export const auditAction = z.enum(AUDIT_ACTIONS);

/**
 * One record per node per action. Records are append-only: the intent is written before the Batch call
 * and the outcome appended after it, so a record whose outcome is missing is one whose call may have
 * reached Batch when the server stopped ("unknown").
 */
export const auditRecord = z.object({
  id: z.string(),
  operationId: z.string(),
  time: z.string(),
  actor: z.string(),
  role,
  account: z.string(),
  poolId: z.string(),
  nodeId: z.string(),
  action: auditAction,
  option: z.string().optional(),
  reason: z.string(),
  ticket: z.string().optional(),
  /** For addUser/deleteUser: the user name and expiry; never a key or password. */
  userName: z.string().optional(),
  expiryTime: z.string().optional(),
  outcome: z.union([nodeOutcome, z.literal("unknown")]),
  outcomeTime: z.string().optional(),
  requestId: z.string().optional(),
  error: apiErrorBody.shape.error.optional(),
  hasEvidence: z.boolean(),
  /** A removal with keepCapacity: the pool's targets before it was sent. */
  targetsBefore: poolTargets.optional(),
  /** resizePool: the targets the pool was resized to. */
  resizeTo: poolTargets.optional(),
  keepCapacity: z.boolean().optional(),
  /** reimage/remove: the node snapshot taken just before (docs/snapshots.md); deleteSnapshot: the one deleted. */
  snapshotId: z.string().optional(),
  /** reimage/remove: why no snapshot was taken (the action went ahead without it). */
  snapshotError: z.string().optional(),
});
export type AuditRecord = z.infer<typeof auditRecord>;

/** GET /api/accounts/{account}/audit?node=&pool=&actor=&action=&from=&to=&cursor=&limit= */
export const auditListQuery = z
  .object({
    node: nodeId.optional(),
    pool: batchId.optional(),
    actor: z.string().trim().min(1).max(200).optional(),
    action: auditAction.optional(),
    from: z.iso.datetime({ offset: true, error: "must be an ISO 8601 time such as 2026-11-27T10:00:00Z" }).optional(),
    to: z.iso.datetime({ offset: true, error: "must be an ISO 8601 time such as 2026-11-27T10:00:00Z" }).optional(),
    cursor: z
      .string()
      .regex(/^[0-9]{1,15}$/, "is not a cursor this server issued")
      .optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), { message: "from must be before to", path: ["from"] });
export type AuditListQuery = z.infer<typeof auditListQuery>;

export const auditListResponse = z.object({ records: z.array(auditRecord), nextCursor: z.string().optional() });
export type AuditListResponse = z.infer<typeof auditListResponse>;

/** What reimage or removal would wipe, saved into the record before the call. */
export const evidence = z.object({
  capturedAt: z.string(),
  node: z.unknown(),
  /** The last 64 KiB of stderr.txt of recently failed tasks on the node. */
  stderr: z.array(z.object({ jobId: z.string(), taskId: z.string(), bytes: z.number(), text: z.string(), error: z.string().optional() })),
});
export type Evidence = z.infer<typeof evidence>;

/** GET /api/accounts/{account}/audit/{recordId} */
export const auditRecordResponse = z.object({ record: auditRecord, evidence: evidence.optional() });
export type AuditRecordResponse = z.infer<typeof auditRecordResponse>;
