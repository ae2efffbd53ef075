import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import type { AuditLog } from "./log";
import { migrate, SCHEMA_VERSION } from "./schema";
import { SqliteAuditLog } from "./sqlite-log";
import { sampleIntent } from "@/tests/support/stores";

// What only the SQLite file has: its mode, PRAGMA user_version, its query plans. What both stores promise
// is in log.test.ts, run on each.
const opened: AuditLog[] = [];
afterEach(async () => {
  for (const l of opened.splice(0)) await l.close();
});

const intent = sampleIntent;

describe("AuditLog's SQLite file", () => {
  const file = () => join(mkdtempSync(join(tmpdir(), "audit-")), "nested", "dir", "audit.sqlite");
  const NODE = "tvmps_4f03e4a0e1048d07a25d63cde52b01d53e6e483211a097532f930f3e4dee8169_d";
  const OP = "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f";

  it("creates its folder and file, in WAL mode, at the current schema version", async () => {
    const log = new SqliteAuditLog(file());
    opened.push(log);
    expect(existsSync(log.path)).toBe(true);
    const db = new Database(log.path, { readonly: true });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it("reopens an existing file without migrating it again, and refuses a newer schema", async () => {
    const log = new SqliteAuditLog(file());
    const id = await log.appendIntent(intent());
    await log.close();
    const again = new SqliteAuditLog(log.path);
    opened.push(again);
    expect((await again.get("prod", id))?.record.reason).toBe("disk full");
    const db = new Database(log.path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => new SqliteAuditLog(log.path)).toThrow(/newer than this Batchscope/);
  });

  it("the case-insensitive lookups are served by an index, not a scan", () => {
    const log = new SqliteAuditLog(file());
    opened.push(log);
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

  it("a file written by the previous schema is migrated, and its records are found in any case", async () => {
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
    const log = new SqliteAuditLog(path);
    opened.push(log);
    expect((await log.list("prod", { node: NODE.toUpperCase() })).records.map((r) => r.id)).toEqual(["r1"]);
    expect((await log.byOperation("prod", OP.toUpperCase(), NODE.toUpperCase())).map((r) => r.id)).toEqual(["r1"]);
  });
});
