import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { AuditLog, type AuditIntent } from "./log";
import { migrate, SCHEMA_VERSION } from "./schema";

const opened: AuditLog[] = [];
function freshLog(): AuditLog {
  const log = new AuditLog(join(mkdtempSync(join(tmpdir(), "audit-")), "nested", "dir", "audit.sqlite"));
  opened.push(log);
  return log;
}
afterEach(() => {
  for (const l of opened.splice(0)) l.close();
});

const intent = (over: Partial<AuditIntent> = {}): AuditIntent => ({
  operationId: "op-1",
  actor: "ana@example.com",
  role: "operator",
  account: "prod",
  poolId: "pool-a",
  nodeId: "tvm-1",
  action: "reboot",
  option: "requeue",
  reason: "disk full",
  ...over,
});

describe("AuditLog", () => {
  it("creates its folder and file, in WAL mode, at the current schema version", () => {
    const log = freshLog();
    expect(existsSync(log.path)).toBe(true);
    const db = new Database(log.path, { readonly: true });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it("an intent without an outcome reads as unknown; the outcome, once appended, with its request id", () => {
    const log = freshLog();
    const id = log.appendIntent(intent({ ticket: "INC-42" }));
    expect(log.get("prod", id)?.record).toMatchObject({ id, outcome: "unknown", ticket: "INC-42", hasEvidence: false });
    log.appendOutcome(id, { outcome: "accepted", requestId: "req-1" });
    expect(log.get("prod", id)?.record).toMatchObject({ outcome: "accepted", requestId: "req-1", outcomeTime: expect.any(String) });
  });

  it("refuses a second outcome, and any UPDATE or DELETE, even in raw SQL", () => {
    const log = freshLog();
    const id = log.appendIntent(intent({ evidence: { capturedAt: "2026-01-01T00:00:00.000Z", node: { id: "tvm-1" }, stderr: [] } }));
    log.appendOutcome(id, { outcome: "failed", error: { kind: "conflict", status: 409, code: "NodeBeingRebooted", message: "busy" } });
    expect(() => log.appendOutcome(id, { outcome: "accepted" })).toThrow(/UNIQUE|constraint/i);
    const db = new Database(log.path);
    for (const sql of [
      "UPDATE intents SET reason = 'nothing happened'",
      "DELETE FROM intents",
      "UPDATE outcomes SET outcome = 'accepted'",
      "DELETE FROM outcomes",
      "UPDATE evidence SET body = '{}'",
      "DELETE FROM evidence",
    ]) {
      expect(() => db.exec(sql), sql).toThrow(/append-only/);
    }
    db.close();
    expect(log.get("prod", id)?.record).toMatchObject({ reason: "disk full", outcome: "failed", error: { code: "NodeBeingRebooted" } });
  });

  it("keeps evidence with the intent, readable by the record's id", () => {
    const log = freshLog();
    const evidence = {
      capturedAt: "2026-01-01T00:00:00.000Z",
      node: { id: "tvm-1", errors: [{ code: "DiskFull" }] },
      stderr: [{ jobId: "j", taskId: "t", bytes: 5, text: "boom\n" }],
    };
    const id = log.appendIntent(intent({ action: "remove", evidence }));
    expect(log.get("prod", id)).toEqual({ record: expect.objectContaining({ hasEvidence: true }), evidence });
    expect(log.get("other-account", id)).toBeUndefined();
  });
});

describe("AuditLog: listing and lookups", () => {
  it("lists newest first with filters and cursor paging", () => {
    const log = freshLog();
    const t0 = Date.parse("2026-11-27T10:00:00Z");
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      ids.push(
        log.appendIntent(
          intent({ nodeId: `tvm-${i % 3}`, actor: i % 2 ? "bo" : "ana@example.com", action: i < 5 ? "reboot" : "remove", operationId: `op-${i}` }),
          new Date(t0 + i * 60_000),
        ),
      );
    }
    log.appendIntent(intent({ account: "staging" }));
    const all = log.list("prod");
    expect(all.records.map((r) => r.id)).toEqual([...ids].reverse());
    expect(all.nextCursor).toBeUndefined();

    const p1 = log.list("prod", { limit: 3 });
    expect(p1.records.map((r) => r.id)).toEqual([ids[6], ids[5], ids[4]]);
    const p2 = log.list("prod", { limit: 3, cursor: p1.nextCursor });
    expect(p2.records.map((r) => r.id)).toEqual([ids[3], ids[2], ids[1]]);
    const p3 = log.list("prod", { limit: 3, cursor: p2.nextCursor });
    expect(p3.records.map((r) => r.id)).toEqual([ids[0]]);
    expect(p3.nextCursor).toBeUndefined();

    expect(log.list("prod", { node: "tvm-1" }).records.map((r) => r.id)).toEqual([ids[4], ids[1]]);
    expect(log.list("prod", { actor: "bo" }).records).toHaveLength(3);
    expect(log.list("prod", { action: "remove" }).records.map((r) => r.id)).toEqual([ids[6], ids[5]]);
    expect(log.list("prod", { pool: "pool-b" }).records).toEqual([]);
    // from inclusive, to exclusive; offsets other than Z compare by instant.
    const page = log.list("prod", { from: "2026-11-27T10:02:00Z", to: "2026-11-27T12:04:00+02:00" });
    expect(page.records.map((r) => r.id)).toEqual([ids[3], ids[2]]);
  });

  it("finds an operation's records per node, for idempotent retries", () => {
    const log = freshLog();
    const a = log.appendIntent(intent({ operationId: "op-x", nodeId: "n1" }));
    const b = log.appendIntent(intent({ operationId: "op-x", nodeId: "n2" }));
    expect(log.byOperation("prod", "op-x").map((r) => r.id)).toEqual([a, b]);
    expect(log.byOperation("prod", "op-x", "n2").map((r) => r.id)).toEqual([b]);
    expect(log.byOperation("staging", "op-x")).toEqual([]);
  });

  it("stores a node user's name and expiry (Connect)", () => {
    const log = freshLog();
    const id = log.appendIntent(intent({ action: "addUser", option: undefined, userName: "debug-ana", expiryTime: "2026-11-28T00:00:00.000Z" }));
    expect(log.get("prod", id)?.record).toMatchObject({ action: "addUser", userName: "debug-ana", expiryTime: "2026-11-28T00:00:00.000Z" });
    expect(log.get("prod", id)?.record.option).toBeUndefined();
  });

  it("stores a removal's targets before it and the resize back of keep capacity, and leaves them out of other records", () => {
    const log = freshLog();
    const before = { dedicated: 100, lowPriority: 0 };
    const removal = log.appendIntent(intent({ action: "remove", keepCapacity: true, targetsBefore: before }));
    const resize = log.appendIntent(
      intent({ action: "resizePool", nodeId: "", option: undefined, keepCapacity: true, targetsBefore: before, resizeTo: before }),
    );
    const plain = log.appendIntent(intent());
    expect(log.get("prod", removal)?.record).toMatchObject({ keepCapacity: true, targetsBefore: before });
    expect(log.get("prod", resize)?.record).toMatchObject({ action: "resizePool", nodeId: "", resizeTo: before });
    expect(log.get("prod", plain)?.record).not.toHaveProperty("targetsBefore");
  });

  it("reopens an existing file without migrating it again, and refuses a newer schema", () => {
    const log = freshLog();
    const id = log.appendIntent(intent());
    log.close();
    opened.pop();
    const again = new AuditLog(log.path);
    opened.push(again);
    expect(again.get("prod", id)?.record.reason).toBe("disk full");
    const db = new Database(log.path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => new AuditLog(log.path)).toThrow(/newer than this Batchscope/);
  });
});

describe("AuditLog: Batch ids are case-insensitive", () => {
  const NODE = "tvmps_4f03e4a0e1048d07a25d63cde52b01d53e6e483211a097532f930f3e4dee8169_d";
  const OP = "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f";

  it("a filter by TVMPS_… finds the records of tvmps_…, and a pool filter ignores case too", () => {
    const log = freshLog();
    const a = log.appendIntent(intent({ nodeId: NODE, poolId: "Pool-A" }));
    log.appendIntent(intent({ nodeId: "tvm-other", poolId: "pool-b" }));
    expect(log.list("prod", { node: NODE.toUpperCase() }).records.map((r) => r.id)).toEqual([a]);
    expect(log.list("prod", { pool: "pool-a", node: NODE.toUpperCase() }).records.map((r) => r.id)).toEqual([a]);
    expect(log.list("prod", { pool: "POOL-A" }).records.map((r) => r.id)).toEqual([a]);
    // The record keeps the id as it was written.
    expect(log.get("prod", a)?.record.nodeId).toBe(NODE);
  });

  it("a retry finds its operation and node whatever their case", () => {
    const log = freshLog();
    const a = log.appendIntent(intent({ operationId: OP, nodeId: NODE }));
    expect(log.byOperation("prod", OP.toUpperCase()).map((r) => r.id)).toEqual([a]);
    expect(log.byOperation("prod", OP, NODE.toUpperCase()).map((r) => r.id)).toEqual([a]);
  });

  it("the case-insensitive lookups are served by an index, not a scan", () => {
    const log = freshLog();
    const db = new Database(log.path, { readonly: true });
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join("; ");
    expect(plan("SELECT * FROM intents i WHERE i.account = 'prod' AND i.node_id = 'X' COLLATE NOCASE ORDER BY i.seq DESC")).toMatch(
      /USING INDEX intents_account_node_nocase/,
    );
    expect(plan("SELECT * FROM intents i WHERE i.account = 'prod' AND i.pool_id = 'X' COLLATE NOCASE AND i.node_id = 'Y' COLLATE NOCASE")).toMatch(
      /USING INDEX intents_(node|account_node)_nocase/,
    );
    expect(plan("SELECT * FROM intents i WHERE i.account = 'prod' AND i.operation_id = 'X' COLLATE NOCASE")).toMatch(/USING INDEX intents_operation_nocase/);
    db.close();
  });

  it("a file written by the previous schema is migrated, and its records are found in any case", () => {
    const path = join(mkdtempSync(join(tmpdir(), "audit-v2-")), "audit.sqlite");
    const old = new Database(path);
    migrate(old, 2);
    old
      .prepare(
        "INSERT INTO intents (id, operation_id, time, actor, role, account, pool_id, node_id, action, reason) VALUES ('r1', ?, '2026-11-27T10:00:00.000Z', 'ana', 'operator', 'prod', 'pool-a', ?, 'reboot', 'old')",
      )
      .run(OP, NODE);
    expect(old.pragma("user_version", { simple: true })).toBe(2);
    old.close();
    const log = new AuditLog(path);
    opened.push(log);
    expect(log.list("prod", { node: NODE.toUpperCase() }).records.map((r) => r.id)).toEqual(["r1"]);
    expect(log.byOperation("prod", OP.toUpperCase(), NODE.toUpperCase()).map((r) => r.id)).toEqual(["r1"]);
  });
});
