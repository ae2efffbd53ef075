import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AuditLogError, auditLog } from "./open";

const saved = process.env.BATCHSCOPE_AUDIT_DB;
afterAll(() => {
  if (saved === undefined) delete process.env.BATCHSCOPE_AUDIT_DB;
  else process.env.BATCHSCOPE_AUDIT_DB = saved;
});

describe("auditLog", () => {
  it("opens the file BATCHSCOPE_AUDIT_DB names, creating it, and a new one when the variable changes", () => {
    const a = join(mkdtempSync(join(tmpdir(), "audit-open-")), "a", "audit.sqlite");
    process.env.BATCHSCOPE_AUDIT_DB = a;
    expect(auditLog().path).toBe(a);
    expect(existsSync(a)).toBe(true);
    const b = join(mkdtempSync(join(tmpdir(), "audit-open-")), "b.sqlite");
    process.env.BATCHSCOPE_AUDIT_DB = b;
    expect(auditLog().path).toBe(b);
  });

  it("a path that cannot be opened is an AuditLogError naming the variable", () => {
    process.env.BATCHSCOPE_AUDIT_DB = "/dev/null/x/audit.sqlite";
    expect(() => auditLog()).toThrow(AuditLogError);
    expect(() => auditLog()).toThrow(/BATCHSCOPE_AUDIT_DB=\/dev\/null\/x\/audit.sqlite/);
  });
});
