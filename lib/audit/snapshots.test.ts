import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { AuditLog } from "./log";
import { migrate, SCHEMA_VERSION } from "./schema";
import { pruneSnapshotsAtStartup } from "./snapshot-retention";
import { SNAPSHOT_ID, SnapshotStore, type NewSnapshot } from "./snapshots";

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

describe("SnapshotStore", () => {
  it("saves under an unguessable id (128 random bits, base64url) and reads back meta and content, surviving a reopen", () => {
    const path = file();
    const store = new SnapshotStore(path);
    const a = store.save(snap(), content);
    const b = store.save(snap(), content);
    expect(a.id).toMatch(SNAPSHOT_ID);
    expect(Buffer.from(a.id, "base64url")).toHaveLength(16);
    expect(a.id).not.toBe(b.id);
    store.close();
    const again = new SnapshotStore(path);
    expect(again.get("demo", a.id)).toEqual({ snapshot: { id: a.id, ...snap({ takenAt: a.takenAt }) }, content });
    expect(again.get("other", a.id)).toBeUndefined();
    again.close();
  });

  it("stores the content gzip-compressed", () => {
    const path = file();
    const store = new SnapshotStore(path);
    const body = "x".repeat(100_000);
    const { id } = store.save(snap(), { answers: { "/p": { status: 200, headers: {}, body, encoding: "utf8" } } });
    store.close();
    const db = new Database(path, { readonly: true });
    const row = db.prepare("SELECT length(content) AS n, hex(substr(content, 1, 2)) AS magic FROM snapshots WHERE id = ?").get(id) as {
      n: number;
      magic: string;
    };
    db.close();
    expect(row.magic).toBe("1F8B");
    expect(row.n).toBeLessThan(2_000);
  });

  it("lists newest first with pool, job and author filters and cursor paging", () => {
    const store = new SnapshotStore(file());
    const ids = [
      store.save(snap({ author: "ana" }), content).id,
      store.save(snap({ kind: "job", poolId: undefined, jobId: "J1", author: "bo" }), content).id,
      store.save(snap({ author: "bo" }), content).id,
    ];
    expect(store.list("demo").snapshots.map((s) => s.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect(store.list("demo", { pool: "P" }).snapshots.map((s) => s.id)).toEqual([ids[2], ids[0]]);
    expect(store.list("demo", { job: "j1" }).snapshots.map((s) => s.id)).toEqual([ids[1]]);
    expect(store.list("demo", { author: "bo" }).snapshots.map((s) => s.id)).toEqual([ids[2], ids[1]]);
    const page = store.list("demo", { limit: 2 });
    expect(page.nextCursor).toBeDefined();
    expect(store.list("demo", { limit: 2, cursor: page.nextCursor! }).snapshots.map((s) => s.id)).toEqual([ids[0]]);
    expect(store.list("demo").snapshots[0]).not.toHaveProperty("content");
  });

  it("deletes one, and prunes those older than the retention (0 keeps all)", () => {
    const store = new SnapshotStore(file());
    const now = Date.parse("2026-12-03T04:00:00Z");
    const old = store.save(snap({ takenAt: "2026-11-20T00:00:00.000Z" }), content);
    const recent = store.save(snap({ takenAt: "2026-12-02T00:00:00.000Z" }), content);
    const other = store.save(snap(), content);
    expect(store.prune(0, now)).toBe(0);
    expect(store.prune(7, now)).toBe(1);
    expect(store.get("demo", old.id)).toBeUndefined();
    expect(store.get("demo", recent.id)).toBeDefined();
    expect(store.delete("demo", other.id)).toBe(true);
    expect(store.delete("demo", other.id)).toBe(false);
  });
});

describe("SnapshotStore's file: retention at start-up and migrations", () => {
  it("at start-up, the retention applies to the file before the store is opened; a file without snapshots is left alone", () => {
    const path = file();
    const now = Date.parse("2026-12-03T04:00:00Z");
    const store = new SnapshotStore(path);
    const old = store.save(snap({ takenAt: "2026-11-01T00:00:00.000Z" }), content);
    const kept = store.save(snap({ takenAt: "2026-12-01T00:00:00.000Z" }), content);
    store.close();
    expect(pruneSnapshotsAtStartup(path, 0, now)).toBe(0);
    expect(pruneSnapshotsAtStartup(path, 30, now)).toBe(1);
    const again = new SnapshotStore(path);
    expect(again.get("demo", old.id)).toBeUndefined();
    expect(again.get("demo", kept.id)).toBeDefined();
    again.close();
    const before = new Database(file());
    migrate(before, SCHEMA_VERSION - 1);
    before.close();
    expect(pruneSnapshotsAtStartup(before.name, 1, now)).toBe(0);
    expect(pruneSnapshotsAtStartup(join(tmpdir(), "no-such-dir-x", "a.sqlite"), 1, now)).toBe(0);
  });

  it("migrates a file of the previous schema, keeping its audit records, and shares it with the audit log", () => {
    const path = file();
    const old = new Database(path);
    migrate(old, SCHEMA_VERSION - 1);
    old.close();
    const log = new AuditLog(path);
    const recordId = log.appendIntent({
      operationId: "op",
      actor: "ana",
      role: "operator",
      account: "demo",
      poolId: "p",
      nodeId: "n",
      action: "reboot",
      reason: "r",
    });
    const store = new SnapshotStore(path);
    const { id } = store.save(snap(), content);
    expect(log.get("demo", recordId)?.record.action).toBe("reboot");
    expect(store.get("demo", id)?.snapshot.note).toBe("incident 42");
    log.close();
    store.close();
  });

  it("takes an old file straight from the version before snapshots", () => {
    const path = file();
    const old = new Database(path);
    migrate(old, SCHEMA_VERSION - 1);
    old
      .prepare(
        "INSERT INTO intents (id, operation_id, time, actor, role, account, pool_id, node_id, action, reason) VALUES ('r1','op','t','ana','operator','demo','p','n','reboot','why')",
      )
      .run();
    old.close();
    const store = new SnapshotStore(path);
    store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT count(*) AS n FROM intents").get()).toEqual({ n: 1 });
    db.close();
  });
});
