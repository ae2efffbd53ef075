import "server-only";
import { randomUUID } from "node:crypto";
import { sql, type Kysely } from "kysely";
import { idKey } from "@/lib/schemas/ids";
import type { AuditListQuery, Evidence } from "@/lib/schemas/audit";
import { CLAIM_LEASE_MS, intentColumns, NOT_WRITTEN, toView, type AuditIntent, type AuditLog, type AuditOutcome, type AuditPage, type IntentRow } from "./log";
import type { PostgresStore, Tables } from "./pg";

/** The intent with its outcome and whether it has evidence, as SELECT in log.ts reads it. */
function records(db: Kysely<Tables>) {
  return db
    .selectFrom("intents as i")
    .leftJoin("outcomes as o", "o.record_id", "i.id")
    .leftJoin("evidence as e", "e.record_id", "i.id")
    .selectAll("i")
    .select(["o.outcome", "o.time as outcome_time", "o.request_id", "o.error", sql<boolean>`e.record_id IS NOT NULL`.as("has_evidence")]);
}

/** Batch ids compare case-insensitively: lower() on both sides, served by the lower() indexes of schema.ts. */
const lowerEq = (column: string, value: string) => sql<boolean>`lower(${sql.ref(column)}) = lower(${value})`;

/**
 * The audit log in PostgreSQL (BATCHSCOPE_DATABASE_URL), for several replicas on one database. Each write
 * is committed before the call returns, so an intent is durable before the call to Batch on any replica;
 * triggers refuse UPDATE, DELETE and TRUNCATE of intents, outcomes and evidence (schema.ts).
 */
export class PgAuditLog implements AuditLog {
  constructor(private readonly store: PostgresStore) {}

  private insertIntent(db: Kysely<Tables>, id: string, intent: AuditIntent, now: Date) {
    return db
      .insertInto("intents")
      .values(intentColumns(id, intent, now))
      .execute()
      .then(() =>
        intent.evidence
          ? db
              .insertInto("evidence")
              .values({ record_id: id, body: JSON.stringify(intent.evidence) })
              .execute()
          : undefined,
      );
  }

  async appendIntent(intent: AuditIntent, now = new Date()): Promise<string> {
    const id = randomUUID();
    await this.store.run(NOT_WRITTEN, (db) => db.transaction().execute((trx) => this.insertIntent(trx, id, intent, now)));
    return id;
  }

  async claimIntent(intent: AuditIntent, owner: string, now = new Date()): Promise<string | undefined> {
    const id = randomUUID();
    return this.store.run(NOT_WRITTEN, (db) =>
      db.transaction().execute(async (trx) => {
        // A second request of the operation waits here for the first one's transaction, then finds the claim.
        const claimed = await trx
          .insertInto("claims")
          .values({
            account: intent.account,
            operation_key: idKey(intent.operationId),
            node_key: idKey(intent.nodeId),
            record_id: id,
            owner,
            held_until: now.getTime() + CLAIM_LEASE_MS,
          })
          .onConflict((oc) => oc.doNothing())
          .returning("record_id")
          .executeTakeFirst();
        if (!claimed) return undefined;
        await this.insertIntent(trx, id, intent, now);
        return id;
      }),
    );
  }

  async reclaim(account: string, operationId: string, nodeId: string, owner: string, now = new Date()): Promise<boolean> {
    const t = now.getTime();
    // One statement: an absent claim (a record from before claims) is inserted, a released or lapsed one taken over.
    const row = await this.store.run(NOT_WRITTEN, (db) =>
      db
        .insertInto("claims")
        .values({ account, operation_key: idKey(operationId), node_key: idKey(nodeId), record_id: "", owner, held_until: t + CLAIM_LEASE_MS })
        .onConflict((oc) =>
          oc
            .columns(["account", "operation_key", "node_key"])
            .doUpdateSet({ owner, held_until: t + CLAIM_LEASE_MS })
            .where((eb) => eb.or([eb("claims.held_until", "is", null), eb("claims.held_until", "<=", t), eb("claims.owner", "=", owner)])),
        )
        .returning("owner")
        .executeTakeFirst(),
    );
    return row !== undefined;
  }

  async renew(account: string, operationId: string, owner: string, now = new Date()): Promise<void> {
    await this.store.run(NOT_WRITTEN, (db) =>
      db
        .updateTable("claims")
        .set({ held_until: now.getTime() + CLAIM_LEASE_MS })
        .where("account", "=", account)
        .where("operation_key", "=", idKey(operationId))
        .where("owner", "=", owner)
        .where("held_until", "is not", null)
        .execute(),
    );
  }

  async release(account: string, operationId: string, owner: string): Promise<void> {
    await this.store.run(NOT_WRITTEN, (db) =>
      db
        .updateTable("claims")
        .set({ held_until: null })
        .where("account", "=", account)
        .where("operation_key", "=", idKey(operationId))
        .where("owner", "=", owner)
        .execute(),
    );
  }

  async appendOutcome(recordId: string, outcome: AuditOutcome, now = new Date()): Promise<void> {
    await this.store.run(NOT_WRITTEN, (db) =>
      db
        .insertInto("outcomes")
        .values({
          record_id: recordId,
          time: now.toISOString(),
          outcome: outcome.outcome,
          request_id: outcome.requestId ?? null,
          error: outcome.error ? JSON.stringify(outcome.error) : null,
        })
        .execute(),
    );
  }

  async byOperation(account: string, operationId: string, nodeId?: string) {
    const rows = await this.store.run(NOT_WRITTEN, (db) => {
      let q = records(db).where("i.account", "=", account).where(lowerEq("i.operation_id", operationId));
      if (nodeId) q = q.where(lowerEq("i.node_id", nodeId));
      return q.orderBy("i.seq").execute();
    });
    return (rows as IntentRow[]).map(toView);
  }

  async list(account: string, q: Partial<AuditListQuery> = {}): Promise<AuditPage> {
    const limit = q.limit ?? 100;
    const rows = (await this.store.run(NOT_WRITTEN, (db) => {
      let s = records(db).where("i.account", "=", account);
      if (q.node) s = s.where(lowerEq("i.node_id", q.node));
      if (q.pool) s = s.where(lowerEq("i.pool_id", q.pool));
      if (q.actor) s = s.where("i.actor", "=", q.actor);
      if (q.action) s = s.where("i.action", "=", q.action);
      // Stored times are toISOString() (UTC, milliseconds): compare in the same form so text order is time order.
      if (q.from) s = s.where("i.time", ">=", new Date(q.from).toISOString());
      if (q.to) s = s.where("i.time", "<", new Date(q.to).toISOString());
      if (q.cursor) s = s.where("i.seq", "<", Number(q.cursor));
      return s
        .orderBy("i.seq", "desc")
        .limit(limit + 1)
        .execute();
    })) as IntentRow[];
    const page = rows.slice(0, limit);
    return { records: page.map(toView), ...(rows.length > limit ? { nextCursor: String(page[page.length - 1]!.seq) } : {}) };
  }

  async get(account: string, id: string) {
    const found = await this.store.run(NOT_WRITTEN, async (db) => {
      const row = await records(db).where("i.account", "=", account).where("i.id", "=", id).executeTakeFirst();
      const ev = row ? await db.selectFrom("evidence").select("body").where("record_id", "=", id).executeTakeFirst() : undefined;
      return row ? { row: row as IntentRow, ev } : undefined;
    });
    if (!found) return undefined;
    return { record: toView(found.row), ...(found.ev ? { evidence: JSON.parse(found.ev.body) as Evidence } : {}) };
  }

  async close(): Promise<void> {
    await this.store.close();
  }
}
