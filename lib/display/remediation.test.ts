import { describe, expect, it } from "vitest";
import type { Identity } from "@/lib/schemas/identity";
import type { PreviewNode, PreviewResponse } from "@/lib/schemas/remediation";
import { actionRequest, buttonState, identityLine, refusal, resizeSentence, splitByAvailability } from "./remediation";

const operator: Identity = { actor: "ana@example.com", role: "operator", source: "proxy" };
const viewer: Identity = { actor: "bo@example.com", role: "viewer", source: "proxy" };
const local: Identity = { actor: "local", role: "operator", source: "local" };
const none: Identity = {
  actor: "anonymous",
  role: "viewer",
  source: "none",
  actionsRefused: "No identity source is configured for a real Batch account.",
};

const yes = { allowed: true };
const no = (reason: string) => ({ allowed: false, reason });
function pnode(nodeId: string, actions: Partial<PreviewNode["actions"]>, exists = true): PreviewNode {
  return {
    nodeId,
    exists,
    runningTasks: [],
    actions: {
      reboot: yes,
      reimage: yes,
      remove: yes,
      disableScheduling: yes,
      enableScheduling: yes,
      deallocate: yes,
      start: yes,
      ...actions,
    },
  };
}
const preview = (nodes: PreviewNode[]): PreviewResponse => ({
  asOf: "2026-11-27T10:00:00Z",
  poolId: "p",
  allocationState: "steady",
  configuration: "virtualMachine",
  apiVersion: "2025-06-01",
  nodes,
});

describe("identityLine and refusal", () => {
  it("says who is signed in and as what, or that the emulator has a local operator", () => {
    expect(identityLine(operator)).toBe("Signed in as ana@example.com · operator");
    expect(identityLine(viewer)).toBe("Signed in as bo@example.com · viewer");
    expect(identityLine(local)).toBe("Local operator — no sign-in configured");
    expect(identityLine(none)).toBe("Actions refused: No identity source is configured for a real Batch account.");
  });

  it("refuses a viewer and an identity the server refuses, not an operator", () => {
    expect(refusal(viewer)).toBe("Operator role needed");
    expect(refusal({ ...viewer, actionsRefused: "bo@example.com is a viewer: acting needs an operator group." })).toBe("Operator role needed");
    expect(refusal(none)).toBe(none.actionsRefused);
    expect(refusal(operator)).toBeUndefined();
    expect(refusal(undefined)).toBeUndefined();
  });
});

describe("splitByAvailability", () => {
  it("leaves out nodes the action cannot reach, each with its reason, and gone nodes", () => {
    const { eligible, excluded } = splitByAvailability(
      [pnode("a", {}), pnode("b", { enableScheduling: no("Scheduling is already enabled on this node.") }), pnode("c", {}, false)],
      "enableScheduling",
    );
    expect(eligible.map((n) => n.nodeId)).toEqual(["a"]);
    expect(excluded).toEqual([
      { nodeId: "b", reason: "Scheduling is already enabled on this node." },
      { nodeId: "c", reason: "The node is no longer in the pool." },
    ]);
  });
});

describe("buttonState", () => {
  const reimageNo = "Reimage exists only for cloud-service pools.";
  it("disables every button for a viewer with the reason", () => {
    expect(buttonState("reboot", 2, viewer, preview([pnode("a", {})]))).toEqual({ enabled: false, note: "Operator role needed" });
  });

  it("disables an action no selected node allows, with the shared reason as text", () => {
    expect(buttonState("reimage", 2, operator, preview([pnode("a", { reimage: no(reimageNo) }), pnode("b", { reimage: no(reimageNo) })]))).toEqual({
      enabled: false,
      note: reimageNo,
    });
  });

  it("with several reasons, names the first and how many others", () => {
    const s = buttonState(
      "reboot",
      2,
      operator,
      preview([
        pnode("a", { reboot: no("The node is rebooting; wait until it is back.") }),
        pnode("b", { reboot: no("The node is starting up; wait until it is idle.") }),
      ]),
    );
    expect(s).toEqual({
      enabled: false,
      note: "Not possible for any selected node. The node is rebooting; wait until it is back. (and 1 other reason)",
    });
  });

  it("enables an action some nodes allow, saying how many", () => {
    expect(
      buttonState(
        "disableScheduling",
        3,
        local,
        preview([pnode("a", {}), pnode("b", {}), pnode("c", { disableScheduling: no("Scheduling is already disabled on this node.") })]),
      ),
    ).toEqual({
      enabled: true,
      note: "2 of 3 nodes",
    });
    expect(buttonState("disableScheduling", 1, local, preview([pnode("a", {})]))).toEqual({ enabled: true });
  });

  it("waits for the preview before enabling anything", () => {
    expect(buttonState("reboot", 1, operator, undefined)).toEqual({ enabled: false, note: "Checking what is possible…" });
  });
});

describe("actionRequest", () => {
  it("trims the text and leaves out what was not given", () => {
    const r = actionRequest("op-1", "reboot", ["n_1"], { option: undefined, reason: "  disk full ", ticket: " ", typed: "" }, false);
    expect(r).toEqual({ operationId: "op-1", action: "reboot", nodeIds: ["n_1"], reason: "disk full" });
  });

  it("carries the option, the ticket and the typed confirmation when asked for", () => {
    const r = actionRequest("op-2", "remove", ["n_1", "n_2"], { option: "requeue", reason: "bad", ticket: " INC-1 ", typed: " 2 " }, true);
    expect(r).toMatchObject({ option: "requeue", ticket: "INC-1", confirm: "2" });
  });
});

describe("keep capacity", () => {
  it("is sent only with a removal", () => {
    const f = { option: "requeue" as const, reason: "bad", ticket: "", typed: "", keepCapacity: true };
    expect(actionRequest("op-3", "remove", ["n_1"], f, false)).toMatchObject({ keepCapacity: true });
    expect(actionRequest("op-4", "reboot", ["n_1"], f, false)).not.toHaveProperty("keepCapacity");
    expect(actionRequest("op-5", "remove", ["n_1"], { ...f, keepCapacity: false }, false)).not.toHaveProperty("keepCapacity");
  });

  it("says what became of the resize back", () => {
    const before = { dedicated: 100, lowPriority: 0 };
    expect(resizeSentence({ outcome: "accepted", recordId: "r", before, to: before })).toBe(
      "Keep capacity: Batch accepted the resize back to 100; new nodes are being allocated.",
    );
    expect(resizeSentence({ outcome: "skipped", recordId: "r", before, explanation: "No node was removed, so the pool was not resized." })).toBe(
      "Keep capacity: the pool was not resized back to 100. No node was removed, so the pool was not resized.",
    );
  });
});
