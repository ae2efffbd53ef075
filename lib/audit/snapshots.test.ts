import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { bothStores, type StoreCase } from "@/tests/support/stores";
import { PostgresStore } from "./pg";
import { PgSnapshotStore } from "./pg-snapshots";
import { migrate, SCHEMA_VERSION } from "./schema";
import { pruneSnapshotsAtStartup } from "./snapshot-retention";
import { SNAPSHOT_ID, SqliteSnapshotStore, type NewSnapshot } from "./snapshots";
import { SqliteAuditLog } from "./sqlite-log";

const file = () => join(mkdtempSync(join(tmpdir(), "snapshots-")), "audit.sqlite");

const snap = (over: Partial<NewSnapshot> = {}): NewSnapshot => ({
  account: "demo",
  kind: "pool",
  view: "/demo/pools/p",
  frozenView: "/demo/pools/p?from=2026-12-03T03%3A00%3A00.000Z&to=2026-12-03T04%3A00%3A00.000Z",
  poolId: "p",
  note: "incident 42",
  author: "ana",
  takenAt: new Date().toISOString(),
  window: { from: "2026-12-03T03:00:00.000Z", to: "2026-12-03T04:00:00.000Z" },
  sizeBytes: 12,
  cut: [],
  ...over,
});

const content = {
  answers: { "/api/accounts/demo/pools/p": { status: 200, headers: { "content-type": "application/json" }, body: '{"pool":{}}', encoding: "utf8" as const } },
};

const { cases } = bothStores("snapshots-");

/** A store, and another connection to the same store (a reopen, or a second replica), and how big a stored content is. */
async function freshStore(kind: StoreCase) {
  if (kind.name === "SQLite") {
    const { path } = await kind.fresh();
    const stored = (id: string) => {
      const db = new Database(path, { readonly: true });
      try {
        return db.prepare("SELECT length(content) AS n, hex(substr(content, 1, 2)) AS magic FROM snapshots WHERE id = ?").get(id) as {
          n: number;
          magic: string;
        };
      } finally {
        db.close();
      }
    };
    return { store: new SqliteSnapshotStore(path), reopen: () => new SqliteSnapshotStore(path), stored };
  }
  const { pg, url } = await kind.fresh();
  const stored = async (id: string) =>
    (
      await pg.pool.query<{ n: number; magic: string }>(
        "SELECT length(content) AS n, upper(encode(substr(content, 1, 2), 'hex')) AS magic FROM snapshots WHERE id = $1",
        [id],
      )
    ).rows[0]!;
  return { store: new PgSnapshotStore(pg), reopen: () => new PgSnapshotStore(new PostgresStore(url)), stored };
}
describe.each(cases)("SnapshotStore on $name: saving and reading", (kind) => {
  const fresh = () => freshStore(kind);

  it("saves under an unguessable id (128 random bits, base64url) and reads back meta and content, from another connection", async () => {
    const { store, reopen } = await fresh();
    const a = await store.save(snap(), content);
    const b = await store.save(snap(), content);
    expect(a.id).toMatch(SNAPSHOT_ID);
    expect(Buffer.from(a.id, "base64url")).toHaveLength(16);
    expect(a.id).not.toBe(b.id);
    await store.close();
    const again = reopen();
    expect(await again.get("demo", a.id)).toEqual({ snapshot: { id: a.id, ...snap({ takenAt: a.takenAt }) }, content });
    expect(await again.get("other", a.id)).toBeUndefined();
    await again.close();
  });

  it("stores the content gzip-compressed", async () => {
    const { store, stored } = await fresh();
    const body = "x".repeat(100_000);
    const { id } = await store.save(snap(), { answers: { "/p": { status: 200, headers: {}, body, encoding: "utf8" } } });
    const row = await stored(id);
    await store.close();
    expect(row.magic).toBe("1F8B");
    expect(row.n).toBeLessThan(2_000);
  });
});

describe.each(cases)("SnapshotStore on $name: listing, deleting, retention", (kind) => {
  const fresh = () => freshStore(kind);

  it("lists newest first with pool, job and author filters and cursor paging", async () => {
    const { store } = await fresh();
    const ids = [
      (await store.save(snap({ author: "ana" }), content)).id,
      (await store.save(snap({ kind: "job", poolId: undefined, jobId: "J1", author: "bo" }), content)).id,
      (await store.save(snap({ author: "bo" }), content)).id,
    ];
    const ofIds = async (q: Parameters<typeof store.list>[1]) => (await store.list("demo", q)).snapshots.map((s) => s.id);
    expect(await ofIds({})).toEqual([ids[2], ids[1], ids[0]]);
    expect(await ofIds({ pool: "P" })).toEqual([ids[2], ids[0]]);
    expect(await ofIds({ job: "j1" })).toEqual([ids[1]]);
    expect(await ofIds({ author: "bo" })).toEqual([ids[2], ids[1]]);
    const page = await store.list("demo", { limit: 2 });
    expect(page.nextCursor).toBeDefined();
    expect(await ofIds({ limit: 2, cursor: page.nextCursor! })).toEqual([ids[0]]);
    expect((await store.list("demo")).snapshots[0]).not.toHaveProperty("content");
    await store.close();
  });

  it("deletes one, and prunes those older than the retention (0 keeps all)", async () => {
    const { store } = await fresh();
    const now = Date.parse("2026-12-03T04:00:00Z");
    const old = await store.save(snap({ takenAt: "2026-11-20T00:00:00.000Z" }), content);
    const recent = await store.save(snap({ takenAt: "2026-12-02T00:00:00.000Z" }), content);
    const other = await store.save(snap(), content);
    expect(await store.prune(0, now)).toBe(0);
    expect(await store.prune(7, now)).toBe(1);
    expect(await store.get("demo", old.id)).toBeUndefined();
    expect(await store.get("demo", recent.id)).toBeDefined();
    expect(await store.meta("demo", recent.id)).toMatchObject({ id: recent.id, note: "incident 42" });
    expect(await store.delete("demo", other.id)).toBe(true);
    expect(await store.delete("demo", other.id)).toBe(false);
    await store.close();
  });
});

describe("SnapshotStore's file: retention at start-up and migrations", () => {
  it("at start-up, the retention applies to the file before the store is opened; a file without snapshots is left alone", async () => {
    const path = file();
    const now = Date.parse("2026-12-03T04:00:00Z");
    const store = new SqliteSnapshotStore(path);
    const old = await store.save(snap({ takenAt: "2026-11-01T00:00:00.000Z" }), content);
    const kept = await store.save(snap({ takenAt: "2026-12-01T00:00:00.000Z" }), content);
    await store.close();
    expect(pruneSnapshotsAtStartup(path, 0, now)).toBe(0);
    expect(pruneSnapshotsAtStartup(path, 30, now)).toBe(1);
    const again = new SqliteSnapshotStore(path);
    expect(await again.get("demo", old.id)).toBeUndefined();
    expect(await again.get("demo", kept.id)).toBeDefined();
    await again.close();
    const before = new Database(file());
    migrate(before, SCHEMA_VERSION - 1);
    before.close();
    expect(pruneSnapshotsAtStartup(before.name, 1, now)).toBe(0);
    expect(pruneSnapshotsAtStartup(join(tmpdir(), "no-such-dir-x", "a.sqlite"), 1, now)).toBe(0);
  });

  it("migrates a file of the previous schema, keeping its audit records, and shares it with the audit log", async () => {
    const path = file();
    const old = new Database(path);
    migrate(old, SCHEMA_VERSION - 1);
    old.close();
    const log = new SqliteAuditLog(path);
    const recordId = await log.appendIntent({
      operationId: "op",
      actor: "ana",
      role: "operator",
      account: "demo",
      poolId: "p",
      nodeId: "n",
      action: "reboot",
      reason: "r",
    });
    const store = new SqliteSnapshotStore(path);
    const { id } = await store.save(snap(), content);
    expect((await log.get("demo", recordId))?.record.action).toBe("reboot");
    expect((await store.get("demo", id))?.snapshot.note).toBe("incident 42");
    await log.close();
    await store.close();
  });

  it("takes an old file straight from the version before snapshots", async () => {
    const path = file();
    const old = new Database(path);
    migrate(old, SCHEMA_VERSION - 1);
    old
      .prepare(
        "INSERT INTO intents (id, operation_id, time, actor, role, account, pool_id, node_id, action, reason) VALUES ('r1','op','t','ana','operator','demo','p','n','reboot','why')",
      )
      .run();
    old.close();
    const store = new SqliteSnapshotStore(path);
    await store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT count(*) AS n FROM intents").get()).toEqual({ n: 1 });
    db.close();
  });
});
