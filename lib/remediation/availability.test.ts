import { describe, expect, it } from "vitest";
import { NODE_ACTIONS } from "@/lib/schemas/remediation";
import { availability, type PoolFacts } from "./availability";

const vmPool: PoolFacts = { allocationState: "steady", configuration: "virtualMachine", apiVersion: "2022-10-01.16.0" };
const csPool: PoolFacts = { allocationState: "steady", configuration: "cloudService", apiVersion: "2022-10-01.16.0" };
const vm25: PoolFacts = { ...vmPool, apiVersion: "2025-06-01" };
const cs25: PoolFacts = { ...csPool, apiVersion: "2025-06-01" };
const idle = { exists: true, state: "idle", schedulingState: "enabled" };

describe("availability", () => {
  it("reimage on cloud-service pools, and on virtual-machine pools from API 2025-06-01 on", () => {
    expect(availability("reimage", idle, vmPool)).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/2025-06-01.*speaks 2022-10-01\.16\.0 \(BATCH_API_VERSION\)/),
    });
    expect(availability("reimage", idle, csPool)).toEqual({ allowed: true });
    expect(availability("reimage", idle, vm25)).toEqual({ allowed: true });
    expect(availability("reimage", { ...idle, state: "deallocated" }, vm25)).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/start it first/),
    });
  });

  it("deallocate and start: 2025-06-01 only, virtual-machine pools only, by the node's state", () => {
    for (const action of ["deallocate", "start"] as const) {
      expect(availability(action, idle, vmPool)).toMatchObject({
        allowed: false,
        reason: expect.stringMatching(/from Batch API 2025-06-01 on; this dashboard speaks 2022-10-01\.16\.0/),
      });
      expect(availability(action, { ...idle, state: "deallocated" }, cs25)).toMatchObject({
        allowed: false,
        reason: expect.stringMatching(/virtual-machine pools/),
      });
    }
    expect(availability("deallocate", idle, vm25)).toEqual({ allowed: true });
    expect(availability("deallocate", { ...idle, state: "running" }, vm25)).toEqual({ allowed: true });
    expect(availability("deallocate", { ...idle, state: "deallocated" }, vm25)).toMatchObject({
      allowed: false,
      reason: "The node is already deallocated.",
    });
    expect(availability("deallocate", { ...idle, state: "starttaskfailed" }, vm25)).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/only idle or running/),
    });
    expect(availability("start", { ...idle, state: "deallocated" }, vm25)).toEqual({ allowed: true });
    expect(availability("start", idle, vm25)).toMatchObject({
      allowed: false,
      reason: "Only a deallocated node can be started; this one is idle.",
    });
    expect(availability("start", { ...idle, state: "deallocating" }, vm25)).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/still being deallocated/),
    });
  });
});

describe("availability by node state", () => {
  it("enable only on a disabled node, disable only on an enabled one", () => {
    expect(availability("enableScheduling", idle, vmPool)).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/already enabled/),
    });
    expect(availability("disableScheduling", idle, vmPool)).toEqual({ allowed: true });
    const offline = { exists: true, state: "offline", schedulingState: "disabled" };
    expect(availability("disableScheduling", offline, vmPool)).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/already disabled/),
    });
    expect(availability("enableScheduling", offline, vmPool)).toEqual({ allowed: true });
  });

  it("remove only while the pool is steady", () => {
    expect(availability("remove", idle, { ...vmPool, allocationState: "resizing" })).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/resizing.*steady/),
    });
    expect(availability("remove", idle, vmPool)).toEqual({ allowed: true });
  });

  it.each([
    ["rebooting", /rebooting/],
    ["reimaging", /reimaged/],
    ["creating", /created/],
    ["starting", /starting/],
    ["waitingforstarttask", /start task/],
    ["preempted", /preempted/],
    ["unknown", /unknown/],
  ])("reboot and reimage are refused while the node is %s", (state, says) => {
    const node = { exists: true, state, schedulingState: "enabled" };
    expect(availability("reboot", node, vmPool)).toMatchObject({ allowed: false, reason: expect.stringMatching(says) });
    expect(availability("reimage", node, csPool)).toMatchObject({ allowed: false, reason: expect.stringMatching(says) });
    // Scheduling can still be changed on a busy node.
    expect(availability("disableScheduling", node, vmPool).allowed).toBe(true);
  });

  it("an unusable or start-task-failed node may be rebooted: that is how it comes back", () => {
    for (const state of ["unusable", "starttaskfailed", "running", "offline"]) {
      expect(availability("reboot", { exists: true, state, schedulingState: "enabled" }, vmPool).allowed, state).toBe(true);
    }
  });

  it("a gone or leaving node allows nothing", () => {
    for (const a of NODE_ACTIONS) {
      expect(availability(a, { exists: false }, csPool)).toMatchObject({ allowed: false, reason: expect.stringMatching(/no longer/) });
      expect(availability(a, undefined, csPool).allowed).toBe(false);
      expect(availability(a, { exists: true, state: "leavingpool", schedulingState: "disabled" }, vm25)).toMatchObject({
        allowed: false,
        reason: expect.stringMatching(/leaving/),
      });
    }
  });

  it("reads states in any case (docs/real-service.md: casing on the wire)", () => {
    expect(availability("reboot", { exists: true, state: "Rebooting" }, vmPool).allowed).toBe(false);
    expect(availability("enableScheduling", { exists: true, state: "offline", schedulingState: "Disabled" }, vmPool).allowed).toBe(true);
  });
});
