import { existsSync, mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AuditLogError, auditLog } from "./open";
import type { SqliteAuditLog } from "./sqlite-log";

const sqlitePath = () => (auditLog() as SqliteAuditLog).path;

const saved = process.env.BATCHSCOPE_AUDIT_DB;
afterAll(() => {
  if (saved === undefined) delete process.env.BATCHSCOPE_AUDIT_DB;
  else process.env.BATCHSCOPE_AUDIT_DB = saved;
});

describe("auditLog", () => {
  it("opens the file BATCHSCOPE_AUDIT_DB names, creating it, and a new one when the variable changes", () => {
    const a = join(mkdtempSync(join(tmpdir(), "audit-open-")), "a", "audit.sqlite");
    process.env.BATCHSCOPE_AUDIT_DB = a;
    expect(sqlitePath()).toBe(a);
    expect(existsSync(a)).toBe(true);
    const b = join(mkdtempSync(join(tmpdir(), "audit-open-")), "b.sqlite");
    process.env.BATCHSCOPE_AUDIT_DB = b;
    expect(sqlitePath()).toBe(b);
  });

  it("a path that cannot be opened is an AuditLogError naming the variable", () => {
    process.env.BATCHSCOPE_AUDIT_DB = "/dev/null/x/audit.sqlite";
    expect(() => auditLog()).toThrow(AuditLogError);
    expect(() => auditLog()).toThrow(/BATCHSCOPE_AUDIT_DB=\/dev\/null\/x\/audit.sqlite/);
  });
});

describe("a fresh audit store", () => {
  it("is readable by this server's user only: folders 0700, the file and its write-ahead log 0600", async () => {
    const root = mkdtempSync(join(tmpdir(), "audit-mode-"));
    const path = join(root, "new", "nested", "audit.sqlite");
    process.env.BATCHSCOPE_AUDIT_DB = path;
    // A write, so SQLite creates the -wal and -shm files beside the database.
    await auditLog().appendIntent({ operationId: "op", actor: "ana", role: "operator", account: "a", poolId: "p", nodeId: "n", action: "reboot", reason: "r" });
    const mode = (p: string) => statSync(p).mode & 0o777;
    expect(mode(join(root, "new")).toString(8)).toBe("700");
    expect(mode(join(root, "new", "nested")).toString(8)).toBe("700");
    for (const f of readdirSync(join(root, "new", "nested"))) expect(`${f} ${mode(join(root, "new", "nested", f)).toString(8)}`).toBe(`${f} 600`);
    expect(readdirSync(join(root, "new", "nested"))).toEqual(expect.arrayContaining(["audit.sqlite", "audit.sqlite-wal"]));
  });
});
