import { describe, expect, it } from "vitest";
import type { AuditRecord } from "@/lib/schemas/audit";
import { auditOperations } from "./audit-groups";

const rec = (id: string, operationId: string, time: string, nodeId: string, outcome: AuditRecord["outcome"]): AuditRecord => ({
  id,
  operationId,
  time,
  actor: "ann",
  role: "operator",
  account: "a",
  poolId: "p",
  nodeId,
  action: "reboot",
  reason: "bad disk",
  outcome,
  hasEvidence: false,
});

describe("auditOperations", () => {
  it("groups records by operation, newest operation first, nodes in recorded order, outcomes counted", () => {
    const ops = auditOperations([
      rec("3", "op2", "2026-11-27T10:05:00Z", "n9", "accepted"),
      rec("2", "op1", "2026-11-27T10:00:02Z", "n2", "failed"),
      rec("1", "op1", "2026-11-27T10:00:01Z", "n1", "accepted"),
      rec("0", "op1", "2026-11-27T10:00:00Z", "n0", "accepted"),
    ]);
    expect(ops.map((o) => o.operationId)).toEqual(["op2", "op1"]);
    expect(ops[1]!.records.map((r) => r.nodeId)).toEqual(["n0", "n1", "n2"]);
    expect(ops[1]!.time).toBe("2026-11-27T10:00:00Z");
    expect(ops[1]!.outcomes).toEqual([
      ["accepted", 2],
      ["failed", 1],
    ]);
  });
});
