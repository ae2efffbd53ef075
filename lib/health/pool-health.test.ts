import { describe, expect, it } from "vitest";
import { paths } from "@/lib/links/paths";
import type { NodeRow } from "@/lib/schemas/nodes";
import type { PoolDetailResponse } from "@/lib/schemas/pools";
import { buildPoolHealth } from "./pool-health";

type Pool = PoolDetailResponse["pool"];

function pool(over: Partial<Pool> = {}): Pool {
  return {
    id: "gpu",
    state: "active",
    allocationState: "steady",
    vmSize: "standard_d4s_v5",
    dedicated: { current: 2, target: 2 },
    lowPriority: { current: 0, target: 0 },
    nodeStates: {} as Pool["nodeStates"],
    unhealthyNodes: 0,
    hasResizeErrors: false,
    taskSlotsPerNode: 1,
    configuration: "virtualMachine",
    resizeErrors: [],
    ...over,
  };
}

function node(id: string, over: Partial<NodeRow> = {}): NodeRow {
  return {
    id,
    poolId: "gpu",
    state: "idle",
    schedulingState: "enabled",
    isDedicated: true,
    runningTasks: 0,
    runningTaskSlots: 0,
    totalTasksRun: 0,
    totalTasksSucceeded: 0,
    errors: [],
    ...over,
  };
}

const failedStart = (exitCode: number | undefined, code: string): Partial<NodeRow> => ({
  state: "starttaskfailed",
  startTask: {
    state: "completed",
    retryCount: 0,
    result: "failure",
    ...(exitCode !== undefined ? { exitCode } : {}),
    failureInfo: { category: "usererror", code, message: `${code} happened`, details: [] },
  },
});

describe("buildPoolHealth", () => {
  it("has nothing to show for a steady pool at its targets with healthy nodes", () => {
    const h = buildPoolHealth("acct", pool(), [node("a"), node("b", { state: "running" }), node("c", { state: "offline" })]);
    expect(h.hasSomething).toBe(false);
    expect([h.resizeErrors, h.nodeStates, h.startTaskFailures, h.nodeErrors]).toEqual([[], [], [], []]);
  });

  it("does not call growth in progress a problem, but a steady pool short of its target is one", () => {
    expect(buildPoolHealth("acct", pool({ allocationState: "resizing", dedicated: { current: 1, target: 4 } }), []).hasSomething).toBe(false);
    const steady = buildPoolHealth("acct", pool({ lowPriority: { current: 1, target: 4 } }), []);
    expect(steady.hasSomething).toBe(true);
    expect(steady.allocation).toMatchObject({ state: "steady", shortOfTarget: true, lowPriority: { current: 1, target: 4 } });
  });

  it("explains each resize error by its code and keeps Batch's message and values", () => {
    const h = buildPoolHealth(
      "acct",
      pool({
        resizeErrors: [
          { code: "AccountCoreQuotaReached", message: "quota", values: [{ name: "CoreQuota", value: "40" }] },
          { code: "AllocationTimedout", message: "timeout", values: [] },
          { code: "RemoveNodesFailed", message: "removal", values: [] },
          { code: "SomethingNew", message: "?", values: [] },
        ],
      }),
      [],
    );
    expect(h.hasSomething).toBe(true);
    const [quota, timeout, removal, other] = h.resizeErrors;
    expect(quota).toMatchObject({ code: "AccountCoreQuotaReached", message: "quota", values: [{ name: "CoreQuota", value: "40" }] });
    expect(quota!.fix).toMatch(/quota increase/);
    expect(quota!.fix).toMatch(/VM size or region/);
    expect(timeout!.fix).toMatch(/resizeTimeout/);
    expect(timeout!.fix).toMatch(/smaller steps/);
    expect(removal!.fix).toMatch(/Remove them again/);
    expect(other!.meaning).toMatch(/did not say/);
  });
});

describe("buildPoolHealth: nodes in trouble", () => {
  it("counts nodes in starttaskfailed, unusable, unknown and preempted with links to each node", () => {
    const nodes = [
      node("n3", { state: "unusable" }),
      node("n1", { state: "unusable" }),
      node("n2", { state: "unknown" }),
      node("n4", { state: "preempted", isDedicated: false }),
      node("n5"),
    ];
    const h = buildPoolHealth("my acct", pool(), nodes);
    expect(h.nodeStates.map((s) => [s.state, s.count])).toEqual([
      ["unusable", 2],
      ["unknown", 1],
      ["preempted", 1],
    ]);
    expect(h.nodeStates[0]!.nodes).toEqual([
      { id: "n1", href: paths.node("my acct", "gpu", "n1") },
      { id: "n3", href: paths.node("my acct", "gpu", "n3") },
    ]);
  });

  it("groups start-task failures by exit code and failureInfo code, each node with its startup/stderr.txt link", () => {
    const nodes = [
      node("a", failedStart(1, "FailureExitCode")),
      node("b", failedStart(127, "FailureExitCode")),
      node("c", failedStart(1, "FailureExitCode")),
      node("d", failedStart(undefined, "BlobNotFound")),
    ];
    const h = buildPoolHealth("acct", pool(), nodes);
    expect(h.startTaskFailures.map((g) => [g.exitCode, g.code, g.count, g.nodes.map((n) => n.id)])).toEqual([
      [1, "FailureExitCode", 2, ["a", "c"]],
      [127, "FailureExitCode", 1, ["b"]],
      [undefined, "BlobNotFound", 1, ["d"]],
    ]);
    expect(h.startTaskFailures[0]!.nodes[0]).toEqual({
      id: "a",
      href: paths.node("acct", "gpu", "a"),
      stderrHref: paths.nodeFile("acct", "gpu", "a", "startup/stderr.txt"),
    });
    expect(h.startTaskFailures[1]!.meaning).toContain("127");
    expect(h.startTaskFailures[1]!.meaning).toMatch(/not found/i);
    expect(h.startTaskFailures[2]!.fix).toMatch(/SAS/);
    expect(h.nodeStates).toEqual([expect.objectContaining({ state: "starttaskfailed", count: 4 })]);
  });

  it("ignores start tasks that succeeded or still run", () => {
    const ok = node("a", { startTask: { state: "completed", retryCount: 0, result: "success", exitCode: 0, failureInfo: undefined } });
    const running = node("b", { state: "waitingforstarttask", startTask: { state: "running", retryCount: 0 } });
    expect(buildPoolHealth("acct", pool(), [ok, running]).startTaskFailures).toEqual([]);
  });

  it("groups node errors by code, keeps every distinct message, and flags the emulator's made-up codes", () => {
    const disk = { code: "DiskFull", message: "disk full", details: [{ name: "Origin", value: "emulator-defined" }] };
    const pkg = (message: string) => ({ code: "AppPackageDownloadFailed", message, details: [] });
    const nodes = [
      node("a", { state: "unusable", errors: [disk] }),
      node("b", { state: "unusable", errors: [pkg("403")] }),
      node("c", { state: "unusable", errors: [pkg("404"), pkg("403")] }),
    ];
    const h = buildPoolHealth("acct", pool(), nodes);
    expect(h.nodeErrors.map((g) => [g.code, g.count, g.nodes.map((n) => n.id), g.messages, g.emulatorDefined])).toEqual([
      ["AppPackageDownloadFailed", 2, ["b", "c"], ["403", "404"], false],
      ["DiskFull", 1, ["a"], ["disk full"], true],
    ]);
    expect(h.nodeErrors[1]!.fix).toMatch(/reimage or remove/);
  });
});
