import Database from "better-sqlite3";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { bothStores, sampleIntent, type StoreCase } from "@/tests/support/stores";
import type { AuditLog } from "./log";
import { migratePostgres, PostgresStore } from "./pg";
import { PgAuditLog } from "./pg-log";
import { SCHEMA_VERSION } from "./schema";
import { SqliteAuditLog } from "./sqlite-log";

const { cases, server } = bothStores("audit-");
const opened: AuditLog[] = [];
afterEach(async () => {
  for (const l of opened.splice(0)) await l.close();
});

const intent = sampleIntent;

/** Runs raw SQL against the store beside the log under test, as someone with the database's rights would. */
type Raw = (sql: string) => Promise<unknown>;

/** A log on a fresh store of this kind, and raw SQL beside it. */
async function freshLog(store: StoreCase): Promise<{ log: AuditLog; raw: Raw }> {
  if (store.name === "SQLite") {
    const { path } = await store.fresh();
    const log = new SqliteAuditLog(path);
    opened.push(log);
    const raw: Raw = async (sql) => {
      const db = new Database(path);
      try {
        db.exec(sql);
      } finally {
        db.close();
      }
    };
    return { log, raw };
  }
  const { pg: s, url } = await store.fresh();
  const raw: Raw = async (sql) => {
    const c = new pg.Client(url);
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  return { log: new PgAuditLog(s), raw };
}
describe.each(cases)("AuditLog on $name: records", (store) => {
  const fresh = () => freshLog(store);

  it("an intent without an outcome reads as unknown; the outcome, once appended, with its request id", async () => {
    const { log } = await fresh();
    const id = await log.appendIntent(intent({ ticket: "INC-42" }));
    expect((await log.get("prod", id))?.record).toMatchObject({ id, outcome: "unknown", ticket: "INC-42", hasEvidence: false });
    await log.appendOutcome(id, { outcome: "accepted", requestId: "req-1" });
    expect((await log.get("prod", id))?.record).toMatchObject({ outcome: "accepted", requestId: "req-1", outcomeTime: expect.any(String) });
  });

  it("refuses a second outcome, and any UPDATE or DELETE, even in raw SQL", async () => {
    const { log, raw } = await fresh();
    const id = await log.appendIntent(intent({ evidence: { capturedAt: "2026-01-01T00:00:00.000Z", node: { id: "tvm-1" }, stderr: [] } }));
    await log.appendOutcome(id, { outcome: "failed", error: { kind: "conflict", status: 409, code: "NodeBeingRebooted", message: "busy" } });
    await expect(log.appendOutcome(id, { outcome: "accepted" })).rejects.toMatchObject({ info: { code: "AuditLogUnavailable", status: 503 } });
    for (const sql of [
      "UPDATE intents SET reason = 'nothing happened'",
      "DELETE FROM intents",
      "UPDATE outcomes SET outcome = 'accepted'",
      "DELETE FROM outcomes",
      "UPDATE evidence SET body = '{}'",
      "DELETE FROM evidence",
    ]) {
      await expect(raw(sql), sql).rejects.toThrow(/append-only/);
    }
    if (store.name === "PostgreSQL") await expect(raw("TRUNCATE intents CASCADE")).rejects.toThrow(/append-only/);
    expect((await log.get("prod", id))?.record).toMatchObject({ reason: "disk full", outcome: "failed", error: { code: "NodeBeingRebooted" } });
  });

  it("keeps evidence with the intent, readable by the record's id", async () => {
    const { log } = await fresh();
    const evidence = {
      capturedAt: "2026-01-01T00:00:00.000Z",
      node: { id: "tvm-1", errors: [{ code: "DiskFull" }] },
      stderr: [{ jobId: "j", taskId: "t", bytes: 5, text: "boom\n" }],
    };
    const id = await log.appendIntent(intent({ action: "remove", evidence }));
    expect(await log.get("prod", id)).toEqual({ record: expect.objectContaining({ hasEvidence: true }), evidence });
    expect(await log.get("other-account", id)).toBeUndefined();
  });
});

describe.each(cases)("AuditLog on $name: lists and lookups", (store) => {
  const fresh = () => freshLog(store);

  it("lists newest first with filters and cursor paging", async () => {
    const { log } = await fresh();
    const t0 = Date.parse("2026-11-27T10:00:00Z");
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const over = { nodeId: `tvm-${i % 3}`, actor: i % 2 ? "bo" : "ana@example.com", action: i < 5 ? "reboot" : "remove", operationId: `op-${i}` } as const;
      ids.push(await log.appendIntent(intent(over), new Date(t0 + i * 60_000)));
    }
    await log.appendIntent(intent({ account: "staging" }));
    const ofIds = async (q: Parameters<AuditLog["list"]>[1]) => (await log.list("prod", q)).records.map((r) => r.id);
    const all = await log.list("prod");
    expect(all.records.map((r) => r.id)).toEqual([...ids].reverse());
    expect(all.nextCursor).toBeUndefined();

    const p1 = await log.list("prod", { limit: 3 });
    expect(p1.records.map((r) => r.id)).toEqual([ids[6], ids[5], ids[4]]);
    const p2 = await log.list("prod", { limit: 3, cursor: p1.nextCursor });
    expect(p2.records.map((r) => r.id)).toEqual([ids[3], ids[2], ids[1]]);
    const p3 = await log.list("prod", { limit: 3, cursor: p2.nextCursor });
    expect(p3.records.map((r) => r.id)).toEqual([ids[0]]);
    expect(p3.nextCursor).toBeUndefined();

    expect(await ofIds({ node: "tvm-1" })).toEqual([ids[4], ids[1]]);
    expect(await ofIds({ actor: "bo" })).toHaveLength(3);
    expect(await ofIds({ action: "remove" })).toEqual([ids[6], ids[5]]);
    expect(await ofIds({ pool: "pool-b" })).toEqual([]);
    // from inclusive, to exclusive; offsets other than Z compare by instant.
    expect(await ofIds({ from: "2026-11-27T10:02:00Z", to: "2026-11-27T12:04:00+02:00" })).toEqual([ids[3], ids[2]]);
  });

  it("finds an operation's records per node, for idempotent retries", async () => {
    const { log } = await fresh();
    const a = await log.appendIntent(intent({ operationId: "op-x", nodeId: "n1" }));
    const b = await log.appendIntent(intent({ operationId: "op-x", nodeId: "n2" }));
    expect((await log.byOperation("prod", "op-x")).map((r) => r.id)).toEqual([a, b]);
    expect((await log.byOperation("prod", "op-x", "n2")).map((r) => r.id)).toEqual([b]);
    expect(await log.byOperation("staging", "op-x")).toEqual([]);
  });

  it("stores a node user's name and expiry, and a removal's targets and resize, leaving them out of other records", async () => {
    const { log } = await fresh();
    const user = await log.appendIntent(intent({ action: "addUser", option: undefined, userName: "debug-ana", expiryTime: "2026-11-28T00:00:00.000Z" }));
    expect((await log.get("prod", user))?.record).toMatchObject({ action: "addUser", userName: "debug-ana", expiryTime: "2026-11-28T00:00:00.000Z" });
    expect((await log.get("prod", user))?.record.option).toBeUndefined();
    const before = { dedicated: 100, lowPriority: 0 };
    const removal = await log.appendIntent(intent({ action: "remove", keepCapacity: true, targetsBefore: before }));
    const resize = await log.appendIntent(
      intent({ action: "resizePool", nodeId: "", option: undefined, keepCapacity: true, targetsBefore: before, resizeTo: before }),
    );
    const plain = await log.appendIntent(intent());
    expect((await log.get("prod", removal))?.record).toMatchObject({ keepCapacity: true, targetsBefore: before });
    expect((await log.get("prod", resize))?.record).toMatchObject({ action: "resizePool", nodeId: "", resizeTo: before });
    expect((await log.get("prod", plain))?.record).not.toHaveProperty("targetsBefore");
  });
});

describe.each(cases)("AuditLog on $name: ids in any case, and claims", (store) => {
  const fresh = () => freshLog(store);

  it("Batch ids are case-insensitive: node, pool and operation filters find the records whatever their case", async () => {
    const NODE = "tvmps_4f03e4a0e1048d07a25d63cde52b01d53e6e483211a097532f930f3e4dee8169_d";
    const OP = "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f";
    const { log } = await fresh();
    const a = await log.appendIntent(intent({ nodeId: NODE, poolId: "Pool-A", operationId: OP }));
    await log.appendIntent(intent({ nodeId: "tvm-other", poolId: "pool-b" }));
    const ofIds = async (q: Parameters<AuditLog["list"]>[1]) => (await log.list("prod", q)).records.map((r) => r.id);
    expect(await ofIds({ node: NODE.toUpperCase() })).toEqual([a]);
    expect(await ofIds({ pool: "pool-a", node: NODE.toUpperCase() })).toEqual([a]);
    expect(await ofIds({ pool: "POOL-A" })).toEqual([a]);
    // The record keeps the id as it was written.
    expect((await log.get("prod", a))?.record.nodeId).toBe(NODE);
    expect((await log.byOperation("prod", OP.toUpperCase())).map((r) => r.id)).toEqual([a]);
    expect((await log.byOperation("prod", OP, NODE.toUpperCase())).map((r) => r.id)).toEqual([a]);
  });

  it("claims an operation's node once, whatever the case; the holder re-claims, another only after release or lapse", async () => {
    const { log } = await fresh();
    const now = new Date("2026-12-03T08:00:00Z");
    const first = await log.claimIntent(intent({ operationId: "OP-C", nodeId: "TVM-1" }), "req-a", now);
    expect(first).toEqual(expect.any(String));
    // Both at once, as two replicas would send them: one wins.
    const racing = await Promise.all([
      log.claimIntent(intent({ operationId: "op-c", nodeId: "tvm-2" }), "req-b", now),
      log.claimIntent(intent({ operationId: "op-c", nodeId: "TVM-2" }), "req-c", now),
    ]);
    expect(racing.filter((r) => r !== undefined)).toHaveLength(1);
    expect(await log.claimIntent(intent({ operationId: "op-c", nodeId: "tvm-1" }), "req-b", now)).toBeUndefined();
    expect((await log.byOperation("prod", "op-c")).map((r) => r.id)).toHaveLength(2);
    expect(await log.reclaim("prod", "op-c", "tvm-1", "req-b", now)).toBe(false);
    expect(await log.reclaim("prod", "op-c", "tvm-1", "req-a", now)).toBe(true);
    await log.release("prod", "op-c", "req-a");
    expect(await log.reclaim("prod", "op-c", "tvm-1", "req-b", now)).toBe(true);
    // A claim whose holder died lapses after its lease.
    expect(await log.reclaim("prod", "op-c", "tvm-1", "req-d", new Date(now.getTime() + 1_000))).toBe(false);
    expect(await log.reclaim("prod", "op-c", "tvm-1", "req-d", new Date(now.getTime() + 10 * 60_000))).toBe(true);
    // A record from before claims (no claim row) is claimed when first retried.
    await log.appendIntent(intent({ operationId: "op-old", nodeId: "tvm-9" }));
    expect(await log.reclaim("prod", "op-old", "tvm-9", "req-e", now)).toBe(true);
  });
});

describe("AuditLog's PostgreSQL database", () => {
  it("migrates once when two replicas start at once (advisory lock), one schema_version row per migration", async () => {
    const url = await server().freshDatabase();
    const a = new PostgresStore(url);
    const b = new PostgresStore(url);
    try {
      await Promise.all([migratePostgres(a.pool), migratePostgres(b.pool)]);
      const { rows } = await a.pool.query<{ version: number }>("SELECT version FROM schema_version ORDER BY version");
      expect(rows.map((r) => r.version)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("the case-insensitive lookups are served by the lower() indexes, and a newer schema is refused", async () => {
    const url = await server().freshDatabase();
    const s = new PostgresStore(url);
    try {
      await new PgAuditLog(s).list("prod");
      const c = await s.pool.connect();
      try {
        await c.query("SET enable_seqscan = off");
        const plan = async (sql: string) => (await c.query<{ "QUERY PLAN": string }>(`EXPLAIN ${sql}`)).rows.map((r) => r["QUERY PLAN"]).join("\n");
        expect(await plan("SELECT * FROM intents WHERE account = 'prod' AND lower(node_id) = lower('X') ORDER BY seq DESC")).toMatch(
          /intents_account_node_nocase/,
        );
        expect(await plan("SELECT * FROM intents WHERE account = 'prod' AND lower(operation_id) = lower('X')")).toMatch(/intents_operation_nocase/);
        await c.query("INSERT INTO schema_version (version, applied_at) VALUES ($1, 'later')", [SCHEMA_VERSION + 1]);
      } finally {
        c.release();
      }
      await expect(new PgAuditLog(new PostgresStore(url)).list("prod")).rejects.toThrow(/newer than this Batchscope/);
    } finally {
      await s.close();
    }
  });
});
