import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS } from "@/lib/schemas/audit";
import { auditActionLabel, evidenceNode, outcomeSentence, outcomeText } from "./audit";

describe("audit views", () => {
  it("words every outcome, and names Batch's code on a failure", () => {
    expect(outcomeText("alreadyDone")).toBe("already done");
    expect(outcomeSentence({ outcome: "failed", error: { kind: "conflict", status: 409, code: "NodeBeingRebooted", message: "busy" } })).toBe(
      "Batch refused the action (NodeBeingRebooted).",
    );
    expect(outcomeSentence({ outcome: "unknown" })).toMatch(/may have reached Batch/);
  });

  it("names every kind of record in words, the RDP download included", () => {
    for (const action of AUDIT_ACTIONS) expect(auditActionLabel(action), action).toMatch(/^[A-Z][a-z]+( [A-Za-z]+)*$/);
    expect(auditActionLabel("downloadRdp")).toBe("Download RDP file");
    expect(outcomeSentence({ outcome: "accepted", action: "downloadRdp" })).toBe("Batch gave the node's RDP file, and the operator downloaded it.");
    expect(outcomeSentence({ outcome: "accepted", action: "reboot" })).toBe("Batch accepted the action.");
  });

  it("reads saved evidence in the node page's shape, and refuses anything else", () => {
    const node = {
      id: "tvm-17",
      poolId: "prod-ingest",
      state: "idle",
      schedulingState: "disabled",
      isDedicated: true,
      runningTasks: 0,
      runningTaskSlots: 0,
      totalTasksRun: 40,
      totalTasksSucceeded: 6,
      errors: [{ code: "DiskFull", message: "The temporary disk is full", details: [] }],
      recentTasks: [],
    };
    expect(evidenceNode({ node })?.errors[0]?.code).toBe("DiskFull");
    expect(evidenceNode({ node: { id: 3 } })).toBeUndefined();
    expect(evidenceNode({ node: "<script>alert(1)</script>" })).toBeUndefined();
  });
});
