import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/audit/open";
import { failureOutcome, recordCall } from "./record";

const saved = process.env.BATCHSCOPE_AUDIT_DB;
afterAll(() => {
  if (saved === undefined) delete process.env.BATCHSCOPE_AUDIT_DB;
  else process.env.BATCHSCOPE_AUDIT_DB = saved;
});

const intent = {
  operationId: "op-u",
  actor: "ana",
  role: "operator" as const,
  account: "prod",
  poolId: "p",
  nodeId: "n",
  action: "addUser" as const,
  reason: "debug",
  userName: "dbg",
};

describe("recordCall: the one audit-writing helper of remediation and Connect", () => {
  it("records the intent before the call and the outcome after, failures included", async () => {
    process.env.BATCHSCOPE_AUDIT_DB = join(mkdtempSync(join(tmpdir(), "audit-open-")), "audit.sqlite");
    let seenDuringCall: string | undefined;
    const ok = await recordCall(
      intent,
      async () => {
        seenDuringCall = (await auditLog().byOperation("prod", "op-u"))[0]?.outcome;
        return { requestId: "r-1" };
      },
      () => ({ kind: "server", status: 500, message: "x" }),
    );
    expect(seenDuringCall).toBe("unknown");
    expect((await auditLog().get("prod", ok.recordId))?.record).toMatchObject({ outcome: "accepted", requestId: "r-1", userName: "dbg" });

    const boom = new Error("refused");
    await expect(
      recordCall(
        { ...intent, operationId: "op-v" },
        () => Promise.reject(boom),
        () => ({ kind: "conflict", status: 409, code: "Nope", message: "refused", requestId: "r-2" }),
      ),
    ).rejects.toBe(boom);
    expect((await auditLog().byOperation("prod", "op-v"))[0]).toMatchObject({ outcome: "failed", requestId: "r-2", error: { code: "Nope" } });
  });

  it("a call that got no answer (dropped connection) stays unknown, as remediation records it; a refusal is failed", async () => {
    process.env.BATCHSCOPE_AUDIT_DB = join(mkdtempSync(join(tmpdir(), "audit-record-")), "audit.sqlite");
    const dropped = new Error("socket hang up");
    await expect(
      recordCall(
        { ...intent, operationId: "op-w" },
        () => Promise.reject(dropped),
        () => ({ kind: "network", status: 0, message: "The Batch service could not be reached." }),
      ),
    ).rejects.toBe(dropped);
    expect((await auditLog().byOperation("prod", "op-w"))[0]).toMatchObject({ outcome: "unknown" });
    expect((await auditLog().byOperation("prod", "op-w"))[0]?.error).toBeUndefined();
    expect(failureOutcome({ kind: "network", status: 0, message: "x" })).toBe("unknown");
    for (const kind of ["server", "throttled", "conflict", "notFound", "auth", "badRequest"] as const)
      expect(failureOutcome({ kind, status: 500, message: "x" })).toBe("failed");
  });
});
