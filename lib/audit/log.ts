import "server-only";
import type { Selectable } from "kysely";
import { closeSync, mkdirSync, openSync } from "node:fs";
import { dirname } from "node:path";
import { ApiError } from "@/lib/errors/api-error";
import type { ApiErrorInfo } from "@/lib/schemas/api-error";
import type { AuditListQuery, AuditRecord, Evidence } from "@/lib/schemas/audit";
import type { Role } from "@/lib/schemas/identity";
import type { NodeOutcome, PoolTargets } from "@/lib/schemas/remediation";
import type { Tables } from "./tables";

/** What is known before the Batch call: who, what, where, why, and what the node looked like. */
export interface AuditIntent {
  operationId: string;
  actor: string;
  role: Role;
  account: string;
  poolId: string;
  nodeId: string;
  action: AuditRecord["action"];
  option?: string;
  reason: string;
  ticket?: string;
  /** addUser / deleteUser: the user name and expiry, never a password or key. */
  userName?: string;
  expiryTime?: string;
  evidence?: Evidence;
  /** A removal with keepCapacity: the pool's targets before it. */
  targetsBefore?: PoolTargets;
  /** resizePool: the targets asked for. */
  resizeTo?: PoolTargets;
  keepCapacity?: boolean;
  /** reimage/remove: the node snapshot taken just before, or why none was; deleteSnapshot: the snapshot. */
  snapshotId?: string;
  snapshotError?: string;
}

/** The intent's optional details kept in the `detail` JSON column. */
type IntentDetail = Pick<AuditIntent, "targetsBefore" | "resizeTo" | "keepCapacity" | "snapshotId" | "snapshotError">;

export function detailOf(intent: AuditIntent): string | null {
  const d: IntentDetail = {
    ...(intent.targetsBefore ? { targetsBefore: intent.targetsBefore } : {}),
    ...(intent.resizeTo ? { resizeTo: intent.resizeTo } : {}),
    ...(intent.keepCapacity ? { keepCapacity: true } : {}),
    ...(intent.snapshotId ? { snapshotId: intent.snapshotId } : {}),
    ...(intent.snapshotError ? { snapshotError: intent.snapshotError } : {}),
  };
  return Object.keys(d).length > 0 ? JSON.stringify(d) : null;
}

export interface AuditOutcome {
  outcome: NodeOutcome;
  requestId?: string;
  error?: ApiErrorInfo;
}

/** An intent joined with its outcome, as the list queries of both stores select it. */
export type IntentRow = Selectable<Tables["intents"]> & {
  outcome: string | null;
  outcome_time: string | null;
  request_id: string | null;
  error: string | null;
  /** 1 in SQLite, true in PostgreSQL. */
  has_evidence: number | boolean;
};

export const SELECT = `
  SELECT i.*, o.outcome, o.time AS outcome_time, o.request_id, o.error, (e.record_id IS NOT NULL) AS has_evidence
  FROM intents i LEFT JOIN outcomes o ON o.record_id = i.id LEFT JOIN evidence e ON e.record_id = i.id`;

/**
 * The store cannot be opened, read or written: no action may run without its record (503
 * AuditLogUnavailable, naming the store). The driver's words go to the server log, never to the body.
 */
export class AuditLogError extends ApiError {
  override name = "AuditLogError";
  constructor(message: string, driverError?: Error) {
    super({ kind: "server", status: 503, code: "AuditLogUnavailable", message }, 503, `audit log: ${driverError?.message ?? message}`);
    if (driverError) this.message = `${message} (${driverError.message})`;
  }
}

// One message for reads and writes alike, as the route has always answered: the driver's words go to the server log.
export const NOT_WRITTEN = "The audit log could not be written, so the action was not (or not fully) recorded.";

/**
 * How long a claim holds an operation's node for the attempt that made it (schema.ts): renewed by the
 * running attempt every third of it, released when it ends, so a replica that died lets go within this.
 */
export const CLAIM_LEASE_MS = 30_000;

export type AuditPage = { records: AuditRecord[]; nextCursor?: string };

/**
 * The remediation audit log, one interface for both stores (SQLite: sqlite-log.ts; PostgreSQL: pg-log.ts).
 * An intent is written (and durable) before each Batch call and its outcome after, so a server killed in
 * between leaves a record whose outcome is "unknown", never no record. Both stores refuse UPDATE and
 * DELETE of intents, outcomes and evidence by trigger, so not even a bug here can rewrite history.
 */
export interface AuditLog {
  /** Writes the intent (with its evidence) and returns the record's id. */
  appendIntent(intent: AuditIntent, now?: Date): Promise<string>;
  /**
   * The first intent of an operation's node: claims the node for `owner` (one request's attempt) and writes
   * the intent in one transaction. Undefined when the node is claimed already, by this or another replica.
   */
  claimIntent(intent: AuditIntent, owner: string, now?: Date): Promise<string | undefined>;
  /** Re-claims a node whose earlier attempt's claim was released or lapsed, before sending it again; false while another holds it. */
  reclaim(account: string, operationId: string, nodeId: string, owner: string, now?: Date): Promise<boolean>;
  /** Extends the claims `owner` holds on this operation: its attempt is still running. */
  renew(account: string, operationId: string, owner: string, now?: Date): Promise<void>;
  /** Releases the claims `owner` holds on this operation: its attempt is over, whatever came of it. */
  release(account: string, operationId: string, owner: string): Promise<void>;
  /** Appends the outcome of a record; a second outcome for one record is refused by the schema. */
  appendOutcome(recordId: string, outcome: AuditOutcome, now?: Date): Promise<void>;
  /** The records of one operation (a dialog submission), optionally for one node, oldest first; ids in any case. */
  byOperation(account: string, operationId: string, nodeId?: string): Promise<AuditRecord[]>;
  /** Newest first, filtered; `nextCursor` continues after the last record returned. */
  list(account: string, q?: Partial<AuditListQuery>): Promise<AuditPage>;
  /** One record and its evidence, or undefined when no record has this id in this account. */
  get(account: string, id: string): Promise<{ record: AuditRecord; evidence?: Evidence } | undefined>;
  close(): Promise<void>;
}

/** The columns of an intent row, as both stores write them. */
export function intentColumns(id: string, intent: AuditIntent, now: Date) {
  return {
    id,
    operation_id: intent.operationId,
    time: now.toISOString(),
    actor: intent.actor,
    role: intent.role,
    account: intent.account,
    pool_id: intent.poolId,
    node_id: intent.nodeId,
    action: intent.action,
    option: intent.option ?? null,
    reason: intent.reason,
    ticket: intent.ticket ?? null,
    user_name: intent.userName ?? null,
    expiry_time: intent.expiryTime ?? null,
    detail: detailOf(intent),
  };
}

/**
 * The audit file names operators, nodes and reasons, and its evidence holds task output: readable by this
 * server's user only. Folders it creates are 0700 and a new file 0600; SQLite gives its -wal and -shm
 * files the mode of the database file. An existing file or folder keeps the mode its owner chose.
 */
export function createPrivately(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  // "a" creates the file when missing and never truncates one that exists.
  closeSync(openSync(path, "a", 0o600));
}

export function toView(r: IntentRow): AuditRecord {
  return {
    id: r.id,
    operationId: r.operation_id,
    time: r.time,
    actor: r.actor,
    role: r.role as Role,
    account: r.account,
    poolId: r.pool_id,
    nodeId: r.node_id,
    action: r.action as AuditRecord["action"],
    ...(r.option ? { option: r.option } : {}),
    reason: r.reason,
    ...(r.ticket ? { ticket: r.ticket } : {}),
    ...(r.user_name ? { userName: r.user_name } : {}),
    ...(r.expiry_time ? { expiryTime: r.expiry_time } : {}),
    outcome: (r.outcome ?? "unknown") as AuditRecord["outcome"],
    ...(r.outcome_time ? { outcomeTime: r.outcome_time } : {}),
    ...(r.request_id ? { requestId: r.request_id } : {}),
    ...(r.error ? { error: JSON.parse(r.error) as ApiErrorInfo } : {}),
    hasEvidence: r.has_evidence === 1 || r.has_evidence === true,
    ...(r.detail ? (JSON.parse(r.detail) as IntentDetail) : {}),
  };
}
