import "server-only";
import { sql } from "kysely";
import { emptyUsage, TOUCH_EVERY_MS, type CacheKind, type CacheUsage, type WorkCache } from "./cache";
import type { PostgresStore } from "./pg";

const FAILED = "The store's cache could not be read or written.";

/** The work cache in PostgreSQL: the same table and least-recently-used bound as in SQLite (cache.ts), shared by every replica. */
export class PgWorkCache implements WorkCache {
  constructor(
    private readonly store: PostgresStore,
    readonly maxBytes: number,
  ) {}

  async get(kind: CacheKind, key: string, now = Date.now()): Promise<Buffer | undefined> {
    return this.store.run(FAILED, async (db) => {
      const row = await db.selectFrom("cache").select(["value", "used_at"]).where("kind", "=", kind).where("key", "=", key).executeTakeFirst();
      if (!row) return undefined;
      if (now - row.used_at > TOUCH_EVERY_MS) await db.updateTable("cache").set({ used_at: now }).where("kind", "=", kind).where("key", "=", key).execute();
      return row.value;
    });
  }

  async put(kind: CacheKind, key: string, value: Buffer, now = Date.now()): Promise<void> {
    if (value.length > this.maxBytes) return;
    await this.store.run(FAILED, (db) =>
      db.transaction().execute(async (trx) => {
        await trx
          .insertInto("cache")
          .values({ kind, key, value, bytes: value.length, used_at: now })
          .onConflict((oc) => oc.columns(["kind", "key"]).doUpdateSet({ value, bytes: value.length, used_at: now }))
          .execute();
        // The least recently used past the bound: a running total from the newest down.
        await sql`DELETE FROM cache c USING (
            SELECT kind, key, SUM(bytes) OVER (ORDER BY used_at DESC, kind DESC, key DESC) AS upto FROM cache
          ) t WHERE c.kind = t.kind AND c.key = t.key AND t.upto > ${this.maxBytes}`.execute(trx);
      }),
    );
  }

  async delete(kind: CacheKind, key: string): Promise<void> {
    await this.store.run(FAILED, (db) => db.deleteFrom("cache").where("kind", "=", kind).where("key", "=", key).execute());
  }

  async usage(): Promise<CacheUsage> {
    const rows = await this.store.run(FAILED, (db) =>
      db
        .selectFrom("cache")
        .select(["kind", sql<number>`COUNT(*)::int`.as("entries"), sql<number>`SUM(bytes)::bigint`.as("bytes")])
        .groupBy("kind")
        .execute(),
    );
    const out = emptyUsage();
    for (const r of rows) out[r.kind as CacheKind] = { entries: Number(r.entries), bytes: Number(r.bytes) };
    return out;
  }

  async close(): Promise<void> {
    await this.store.close();
  }
}
