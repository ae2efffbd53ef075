import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { auditLog, recordCall } from "./open";

const saved = process.env.BATCHSCOPE_AUDIT_DB;
afterAll(() => {
  if (saved === undefined) delete process.env.BATCHSCOPE_AUDIT_DB;
  else process.env.BATCHSCOPE_AUDIT_DB = saved;
});

const intent = { operationId: "op-u", actor: "ana", role: "operator" as const, account: "prod", poolId: "p", nodeId: "n", action: "addUser" as const, reason: "debug", userName: "dbg" };

describe("auditLog / recordCall", () => {
  it("opens the file BATCHSCOPE_AUDIT_DB names, creating it, and a new one when the variable changes", () => {
    const a = join(mkdtempSync(join(tmpdir(), "audit-open-")), "a", "audit.sqlite");
    process.env.BATCHSCOPE_AUDIT_DB = a;
    expect(auditLog().path).toBe(a);
    expect(existsSync(a)).toBe(true);
    const b = join(mkdtempSync(join(tmpdir(), "audit-open-")), "b.sqlite");
    process.env.BATCHSCOPE_AUDIT_DB = b;
    expect(auditLog().path).toBe(b);
  });

  it("records the intent before the call and the outcome after, failures included", async () => {
    process.env.BATCHSCOPE_AUDIT_DB = join(mkdtempSync(join(tmpdir(), "audit-open-")), "audit.sqlite");
    let seenDuringCall: string | undefined;
    const ok = await recordCall(
      intent,
      async () => {
        seenDuringCall = auditLog().byOperation("prod", "op-u")[0]?.outcome;
        return { requestId: "r-1" };
      },
      () => ({ kind: "server", status: 500, message: "x" }),
    );
    expect(seenDuringCall).toBe("unknown");
    expect(auditLog().get("prod", ok.recordId)?.record).toMatchObject({ outcome: "accepted", requestId: "r-1", userName: "dbg" });

    const boom = new Error("refused");
    await expect(
      recordCall({ ...intent, operationId: "op-v" }, () => Promise.reject(boom), () => ({ kind: "conflict", status: 409, code: "Nope", message: "refused", requestId: "r-2" })),
    ).rejects.toBe(boom);
    expect(auditLog().byOperation("prod", "op-v")[0]).toMatchObject({ outcome: "failed", requestId: "r-2", error: { code: "Nope" } });
  });
});
