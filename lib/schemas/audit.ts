import { z } from "zod";
import { apiErrorBody } from "./api-error";
import { role } from "./identity";
import { nodeOutcome } from "./remediation";

/** Everything the audit log records; node actions of issue 6 plus node-user connect/remove of issue 7. */
export const AUDIT_ACTIONS = ["reboot", "reimage", "remove", "disableScheduling", "enableScheduling", "addUser", "deleteUser"] as const;
export const auditAction = z.enum(AUDIT_ACTIONS);

/**
 * One record per node per action. Records are append-only: the intent is written before the Batch call
 * and the outcome appended after it, so a record whose outcome is missing is one whose call may have
 * reached Batch when the server stopped ("unknown").
 */
export const auditRecordView = z.object({
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
});
export type AuditRecordView = z.infer<typeof auditRecordView>;

/** GET /api/accounts/{account}/audit?node=&pool=&actor=&action=&from=&to=&cursor= */
export const auditListResponse = z.object({ records: z.array(auditRecordView), nextCursor: z.string().optional() });
export type AuditListResponse = z.infer<typeof auditListResponse>;

/** What reimage or removal would wipe, saved into the record before the call. */
export const evidenceView = z.object({
  capturedAt: z.string(),
  node: z.unknown(),
  /** The last 64 KiB of stderr.txt of recently failed tasks on the node. */
  stderr: z.array(z.object({ jobId: z.string(), taskId: z.string(), bytes: z.number(), text: z.string(), error: z.string().optional() })),
});
export type EvidenceView = z.infer<typeof evidenceView>;

/** GET /api/accounts/{account}/audit/{recordId} */
export const auditRecordResponse = z.object({ record: auditRecordView, evidence: evidenceView.optional() });
export type AuditRecordResponse = z.infer<typeof auditRecordResponse>;
