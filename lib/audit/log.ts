import "server-only";
import { randomUUID } from "node:crypto";
import { closeSync, mkdirSync, openSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { UnavailableError } from "@/lib/errors/api-error";
import type { ApiErrorInfo } from "@/lib/schemas/api-error";
import type { AuditListQuery, AuditRecord, Evidence } from "@/lib/schemas/audit";
import type { Role } from "@/lib/schemas/identity";
import type { NodeOutcome, PoolTargets } from "@/lib/schemas/remediation";
import { migrate } from "./schema";

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

function detailOf(intent: AuditIntent): string | null {
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

interface IntentRow {
  seq: number;
  id: string;
  operation_id: string;
  time: string;
  actor: string;
  role: string;
  account: string;
  pool_id: string;
  node_id: string;
  action: string;
  option: string | null;
  reason: string;
  ticket: string | null;
  user_name: string | null;
  expiry_time: string | null;
  detail: string | null;
  outcome: string | null;
  outcome_time: string | null;
  request_id: string | null;
  error: string | null;
  has_evidence: number;
}

const SELECT = `
  SELECT i.*, o.outcome, o.time AS outcome_time, o.request_id, o.error, (e.record_id IS NOT NULL) AS has_evidence
  FROM intents i LEFT JOIN outcomes o ON o.record_id = i.id LEFT JOIN evidence e ON e.record_id = i.id`;

/** The audit file cannot be opened, read or written: no action may run without its record (500 AuditLogUnavailable). */
export class AuditLogError extends UnavailableError {
  override name = "AuditLogError";
  /** `driverError`: SQLite's own words, kept in this error's message and the server log, never in the body sent. */
  constructor(message: string, driverError?: Error) {
    super("AuditLogUnavailable", message, `audit log: ${driverError?.message ?? message}`);
    if (driverError) this.message = `${message} (${driverError.message})`;
  }
}

// One message for reads and writes alike, as the route has always answered: the driver's words go to the server log.
const NOT_WRITTEN = "The audit log could not be written, so the action was not (or not fully) recorded.";

/** A failure of the SQLite file itself, as the audit log's own error; the driver's text goes to the server log only. */
function guarded<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof AuditLogError || !(err instanceof Error) || err.name !== "SqliteError") throw err;
    throw new AuditLogError(NOT_WRITTEN, err);
  }
}

/**
 * The remediation audit log: append-only SQLite. An intent is written (and synced, synchronous=FULL)
 * before each Batch call and its outcome after, so a server killed in between leaves a record whose
 * outcome is "unknown", never no record. Triggers refuse UPDATE and DELETE, so not even a bug here can
 * rewrite history.
 */
export class AuditLog {
  private readonly db: Database.Database;

  constructor(readonly path: string) {
    if (path !== ":memory:") createPrivately(path);
    this.db = new Database(path);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = FULL");
    this.db.pragma("foreign_keys = ON");
    this.db.pragma("busy_timeout = 5000");
    migrate(this.db);
  }

  /** Writes the intent (with its evidence) and returns the record's id. */
  appendIntent(intent: AuditIntent, now = new Date()): string {
    const id = randomUUID();
    guarded(() =>
      this.db.transaction(() => {
        this.db
          .prepare(
            `INSERT INTO intents (id, operation_id, time, actor, role, account, pool_id, node_id, action, option, reason, ticket, user_name, expiry_time, detail)
           VALUES (@id, @operationId, @time, @actor, @role, @account, @poolId, @nodeId, @action, @option, @reason, @ticket, @userName, @expiryTime, @detail)`,
          )
          .run({
            id,
            operationId: intent.operationId,
            time: now.toISOString(),
            actor: intent.actor,
            role: intent.role,
            account: intent.account,
            poolId: intent.poolId,
            nodeId: intent.nodeId,
            action: intent.action,
            option: intent.option ?? null,
            reason: intent.reason,
            ticket: intent.ticket ?? null,
            userName: intent.userName ?? null,
            expiryTime: intent.expiryTime ?? null,
            detail: detailOf(intent),
          });
        if (intent.evidence) this.db.prepare("INSERT INTO evidence (record_id, body) VALUES (?, ?)").run(id, JSON.stringify(intent.evidence));
      })(),
    );
    return id;
  }

  /** Appends the outcome of a record; a second outcome for one record is refused by the schema. */
  appendOutcome(recordId: string, outcome: AuditOutcome, now = new Date()): void {
    guarded(() =>
      this.db
        .prepare("INSERT INTO outcomes (record_id, time, outcome, request_id, error) VALUES (?, ?, ?, ?, ?)")
        .run(recordId, now.toISOString(), outcome.outcome, outcome.requestId ?? null, outcome.error ? JSON.stringify(outcome.error) : null),
    );
  }

  /** The records of one operation (a dialog submission), optionally for one node, oldest first; ids in any case. */
  byOperation(account: string, operationId: string, nodeId?: string): AuditRecord[] {
    const rows = guarded(
      () =>
        this.db
          .prepare(`${SELECT} WHERE i.account = ? AND i.operation_id = ? COLLATE NOCASE${nodeId ? " AND i.node_id = ? COLLATE NOCASE" : ""} ORDER BY i.seq`)
          .all(...[account, operationId, ...(nodeId ? [nodeId] : [])]) as IntentRow[],
    );
    return rows.map(toView);
  }

  /** Newest first, filtered; `nextCursor` continues after the last record returned. */
  list(account: string, q: Partial<AuditListQuery> = {}): { records: AuditRecord[]; nextCursor?: string } {
    const where = ["i.account = @account"];
    // Batch ids are case-insensitive: TVMPS_… finds the records of tvmps_… (indexes in schema.ts).
    if (q.node) where.push("i.node_id = @node COLLATE NOCASE");
    if (q.pool) where.push("i.pool_id = @pool COLLATE NOCASE");
    if (q.actor) where.push("i.actor = @actor");
    if (q.action) where.push("i.action = @action");
    if (q.from) where.push("i.time >= @from");
    if (q.to) where.push("i.time < @to");
    if (q.cursor) where.push("i.seq < @cursor");
    const limit = q.limit ?? 100;
    const rows = guarded(
      () =>
        this.db.prepare(`${SELECT} WHERE ${where.join(" AND ")} ORDER BY i.seq DESC LIMIT @limit`).all({
          account,
          node: q.node,
          pool: q.pool,
          actor: q.actor,
          action: q.action,
          // Stored times are toISOString() (UTC, milliseconds): compare in the same form so text order is time order.
          from: q.from ? new Date(q.from).toISOString() : undefined,
          to: q.to ? new Date(q.to).toISOString() : undefined,
          cursor: q.cursor ? Number(q.cursor) : undefined,
          limit: limit + 1,
        }) as IntentRow[],
    );
    const page = rows.slice(0, limit);
    return { records: page.map(toView), ...(rows.length > limit ? { nextCursor: String(page[page.length - 1]!.seq) } : {}) };
  }

  /** One record and its evidence, or undefined when no record has this id in this account. */
  get(account: string, id: string): { record: AuditRecord; evidence?: Evidence } | undefined {
    const row = guarded(() => this.db.prepare(`${SELECT} WHERE i.account = ? AND i.id = ?`).get(account, id) as IntentRow | undefined);
    if (!row) return undefined;
    const ev = guarded(() => this.db.prepare("SELECT body FROM evidence WHERE record_id = ?").get(id) as { body: string } | undefined);
    return { record: toView(row), ...(ev ? { evidence: JSON.parse(ev.body) as Evidence } : {}) };
  }

  close(): void {
    this.db.close();
  }
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

function toView(r: IntentRow): AuditRecord {
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
    hasEvidence: r.has_evidence === 1,
    ...(r.detail ? (JSON.parse(r.detail) as IntentDetail) : {}),
  };
}
