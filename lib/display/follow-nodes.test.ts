import { describe, expect, it } from "vitest";
import { followStatus, nodeSettled, observeNodeList, stateCounts, type Observation, type ObservedNode } from "./follow-nodes";

const node = (state: string, schedulingState = "enabled", stateTransitionTime = "2026-11-27T10:00:00.000Z"): ObservedNode => ({
  state,
  schedulingState,
  stateTransitionTime,
});

describe("nodeSettled", () => {
  it("a disabled node settles once it runs nothing: offline, not while its tasks finish", () => {
    expect(nodeSettled("disableScheduling", node("offline", "disabled"), node("running"))).toBe(true);
    expect(nodeSettled("disableScheduling", node("running", "disabled"), node("running"))).toBe(false);
    expect(nodeSettled("disableScheduling", node("running", "enabled"), node("running"))).toBe(false);
  });

  it("an enabled node settles when it leaves offline", () => {
    expect(nodeSettled("enableScheduling", node("offline", "enabled"), node("offline", "disabled"))).toBe(false);
    expect(nodeSettled("enableScheduling", node("idle", "enabled"), node("offline", "disabled"))).toBe(true);
  });

  it("a rebooted node settles only after it has moved: same transition time means it has not rebooted yet", () => {
    const before = node("running");
    expect(nodeSettled("reboot", node("running"), before)).toBe(false);
    expect(nodeSettled("reboot", node("rebooting", "enabled", "2026-11-27T10:01:00.000Z"), before)).toBe(false);
    expect(nodeSettled("reboot", node("idle", "enabled", "2026-11-27T10:02:00.000Z"), before)).toBe(true);
    expect(nodeSettled("reimage", node("starttaskfailed", "enabled", "2026-11-27T10:02:00.000Z"), before)).toBe(true);
  });

  it("a removed node settles when Batch no longer lists it, never while it is leaving", () => {
    expect(nodeSettled("remove", node("leavingpool"), node("idle"))).toBe(false);
    expect(nodeSettled("remove", node("idle"), node("idle"))).toBe(false);
    expect(nodeSettled("remove", "gone", node("idle"))).toBe(true);
  });

  it("a node not read yet has not settled", () => {
    expect(nodeSettled("disableScheduling", undefined, undefined)).toBe(false);
  });
});

describe("stateCounts and followStatus", () => {
  it("counts states most common first, removed nodes by name", () => {
    expect(stateCounts([node("offline"), node("running"), node("offline"), "gone"])).toBe("2 offline, 1 removed, 1 running");
  });

  it("says it is following until every node has settled, then that they have", () => {
    const seen = new Map<string, Observation>([
      ["a", node("offline", "disabled")],
      ["b", node("offline", "disabled")],
      ["c", node("running", "disabled")],
    ]);
    const before = new Map([
      ["a", node("running")],
      ["b", node("running")],
      ["c", node("running")],
    ]);
    const following = followStatus("disableScheduling", ["a", "b", "c"], (id) => seen.get(id), before);
    expect(following).toEqual({ settled: false, text: "Following 3 nodes until they settle… 2 offline, 1 running" });
    seen.set("c", node("offline", "disabled"));
    expect(followStatus("disableScheduling", ["a", "b", "c"], (id) => seen.get(id), before)).toEqual({ settled: true, text: "Settled: 3 offline" });
  });

  it("names a single node", () => {
    expect(followStatus("remove", ["tvm-1"], () => node("leavingpool"), new Map()).text).toBe("Following node tvm-1 until it settles… 1 leavingpool");
  });
});

describe("following nodes whose ids or states differ in case", () => {
  const ID = "tvmps_4f03e4a0e1048d07a25d63cde52b01d53e6e483211a097532f930f3e4dee8169_d";

  it("finds a followed node in the list whatever the case of its id, and says gone only when it is", () => {
    const observe = observeNodeList([{ id: ID, state: "offline", schedulingState: "disabled" }]);
    expect(observe(ID.toUpperCase())).toEqual({ state: "offline", schedulingState: "disabled" });
    expect(observe("tvmps_other")).toBe("gone");
    expect(observeNodeList(undefined)(ID)).toBeUndefined();
  });

  it("a removal followed by an upper-cased id is not settled while the list still has the node", () => {
    const observe = observeNodeList([{ id: ID, state: "leavingpool", schedulingState: "enabled" }]);
    expect(followStatus("remove", [ID.toUpperCase()], observe, new Map()).settled).toBe(false);
  });

  it("matches the node as it was before the action by id in any case", () => {
    const before = new Map([[ID, { state: "idle", schedulingState: "enabled", stateTransitionTime: "2026-11-27T10:00:00.000Z" }]]);
    const unchanged = observeNodeList([{ id: ID, state: "idle", schedulingState: "enabled", stateTransitionTime: "2026-11-27T10:00:00.000Z" }]);
    expect(followStatus("reboot", [ID.toUpperCase()], unchanged, before).settled).toBe(false);
  });

  it("a transient state in another case is not settled", () => {
    expect(
      nodeSettled(
        "reboot",
        { state: "WaitingForStartTask", schedulingState: "enabled", stateTransitionTime: "b" },
        { state: "idle", schedulingState: "enabled", stateTransitionTime: "a" },
      ),
    ).toBe(false);
    expect(nodeSettled("disableScheduling", { state: "Offline", schedulingState: "Disabled" }, undefined)).toBe(true);
  });
});
