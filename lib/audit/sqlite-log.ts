import "server-only";
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { idKey } from "@/lib/schemas/ids";
import type { AuditListQuery, Evidence } from "@/lib/schemas/audit";
import {
  CLAIM_LEASE_MS,
  intentColumns,
  NOT_WRITTEN,
  SELECT,
  toView,
  type AuditIntent,
  type AuditLog,
  type AuditOutcome,
  type AuditPage,
  type IntentRow,
} from "./log";
import { openStoreFile, sqliteGuard } from "./sqlite-file";

const guarded = sqliteGuard(NOT_WRITTEN);

/**
 * The requests of this process holding claims. A SQLite file has one writer, this server (README, "The
 * audit log"), so a claim whose owner is not here was left by a process that stopped mid-action: it is
 * taken over at once rather than after its lease.
 */
const state = globalThis as typeof globalThis & { __batchscopeClaimOwners?: Set<string> };
const liveOwners = () => (state.__batchscopeClaimOwners ??= new Set());

const INSERT_INTENT = `INSERT INTO intents (id, operation_id, time, actor, role, account, pool_id, node_id, action, option, reason, ticket, user_name, expiry_time, detail)
  VALUES (@id, @operation_id, @time, @actor, @role, @account, @pool_id, @node_id, @action, @option, @reason, @ticket, @user_name, @expiry_time, @detail)`;

/**
 * The audit log in the SQLite file (BATCHSCOPE_AUDIT_DB). better-sqlite3 behind the async interface: its
 * calls are synchronous, so a transaction here is one uninterrupted step of this process, and
 * synchronous=FULL makes each intent durable before the call to Batch.
 */
export class SqliteAuditLog implements AuditLog {
  private readonly db: Database.Database;

  constructor(readonly path: string) {
    this.db = openStoreFile(path, { durable: true });
  }

  private insertIntent(id: string, intent: AuditIntent, now: Date): void {
    this.db.prepare(INSERT_INTENT).run(intentColumns(id, intent, now));
    if (intent.evidence) this.db.prepare("INSERT INTO evidence (record_id, body) VALUES (?, ?)").run(id, JSON.stringify(intent.evidence));
  }

  async appendIntent(intent: AuditIntent, now = new Date()): Promise<string> {
    const id = randomUUID();
    guarded(() => this.db.transaction(() => this.insertIntent(id, intent, now))());
    return id;
  }

  async claimIntent(intent: AuditIntent, owner: string, now = new Date()): Promise<string | undefined> {
    const id = randomUUID();
    return guarded(() =>
      this.db.transaction(() => {
        const claimed = this.db
          .prepare("INSERT INTO claims (account, operation_key, node_key, record_id, owner, held_until) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
          .run(intent.account, idKey(intent.operationId), idKey(intent.nodeId), id, owner, now.getTime() + CLAIM_LEASE_MS);
        if (claimed.changes === 0) return undefined;
        liveOwners().add(owner);
        this.insertIntent(id, intent, now);
        return id;
      })(),
    );
  }

  async reclaim(account: string, operationId: string, nodeId: string, owner: string, now = new Date()): Promise<boolean> {
    const t = now.getTime();
    // A record from before claims existed has no claim row: it is claimed here the first time it is retried.
    return guarded(() =>
      this.db.transaction(() => {
        const keys = [account, idKey(operationId), idKey(nodeId)];
        const row = this.db.prepare("SELECT owner, held_until FROM claims WHERE account = ? AND operation_key = ? AND node_key = ?").get(...keys) as
          { owner: string; held_until: number | null } | undefined;
        if (row && row.held_until !== null && row.held_until > t && row.owner !== owner && liveOwners().has(row.owner)) return false;
        liveOwners().add(owner);
        this.db
          .prepare(
            "INSERT INTO claims (account, operation_key, node_key, record_id, owner, held_until) VALUES (?, ?, ?, '', ?, ?) ON CONFLICT DO UPDATE SET owner = excluded.owner, held_until = excluded.held_until",
          )
          .run(...keys, owner, t + CLAIM_LEASE_MS);
        return true;
      })(),
    );
  }

  async renew(account: string, operationId: string, owner: string, now = new Date()): Promise<void> {
    guarded(() =>
      this.db
        .prepare("UPDATE claims SET held_until = ? WHERE account = ? AND operation_key = ? AND owner = ? AND held_until IS NOT NULL")
        .run(now.getTime() + CLAIM_LEASE_MS, account, idKey(operationId), owner),
    );
  }

  async release(account: string, operationId: string, owner: string): Promise<void> {
    liveOwners().delete(owner);
    guarded(() =>
      this.db.prepare("UPDATE claims SET held_until = NULL WHERE account = ? AND operation_key = ? AND owner = ?").run(account, idKey(operationId), owner),
    );
  }

  async appendOutcome(recordId: string, outcome: AuditOutcome, now = new Date()): Promise<void> {
    guarded(() =>
      this.db
        .prepare("INSERT INTO outcomes (record_id, time, outcome, request_id, error) VALUES (?, ?, ?, ?, ?)")
        .run(recordId, now.toISOString(), outcome.outcome, outcome.requestId ?? null, outcome.error ? JSON.stringify(outcome.error) : null),
    );
  }

  async byOperation(account: string, operationId: string, nodeId?: string) {
    const rows = guarded(
      () =>
        this.db
          .prepare(`${SELECT} WHERE i.account = ? AND i.operation_id = ? COLLATE NOCASE${nodeId ? " AND i.node_id = ? COLLATE NOCASE" : ""} ORDER BY i.seq`)
          .all(...[account, operationId, ...(nodeId ? [nodeId] : [])]) as IntentRow[],
    );
    return rows.map(toView);
  }

  async list(account: string, q: Partial<AuditListQuery> = {}): Promise<AuditPage> {
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

  async get(account: string, id: string) {
    const row = guarded(() => this.db.prepare(`${SELECT} WHERE i.account = ? AND i.id = ?`).get(account, id) as IntentRow | undefined);
    if (!row) return undefined;
    const ev = guarded(() => this.db.prepare("SELECT body FROM evidence WHERE record_id = ?").get(id) as { body: string } | undefined);
    return { record: toView(row), ...(ev ? { evidence: JSON.parse(ev.body) as Evidence } : {}) };
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
