import { describe, expect, it } from "vitest";
import { NODE_ACTIONS } from "@/lib/schemas/remediation";
import { explainActionError } from "./explain-error";

describe("explainActionError", () => {
  it.each([
    ["reimage", "OperationNotValidOnNode", /before API 2025-06-01 only cloud-service nodes can be reimaged/],
    ["start", "OperationInvalidForCurrentState", /starts only deallocated nodes/],
    ["deallocate", "InvalidUri", /has no deallocate operation/],
    ["enableScheduling", "NodeAlreadyInTargetSchedulingState", /already enabled/],
    ["disableScheduling", "NodeAlreadyInTargetSchedulingState", /already disabled/],
    ["remove", "PoolBeingResized", /resizing.*steady/],
    ["reboot", "NodeBeingRebooted", /already rebooting/],
    ["reboot", "NodeStateUnusable", /unusable/],
    ["reboot", "NodeBeingStarted", /starting/],
    ["remove", "NodeNotFound", /no longer/],
    ["reboot", "TooManyRequests", /throttling/],
  ] as const)("%s refused with %s", (action, code, says) => {
    expect(explainActionError(action, code)).toMatch(says);
  });

  it("an unknown code or none still gets a sentence naming the action", () => {
    for (const a of NODE_ACTIONS) {
      expect(explainActionError(a, "SomethingNew")).toMatch(/SomethingNew/);
      expect(explainActionError(a, undefined).length).toBeGreaterThan(10);
    }
    expect(explainActionError("remove", "SomethingNew")).toMatch(/remove from pool/);
  });
});
