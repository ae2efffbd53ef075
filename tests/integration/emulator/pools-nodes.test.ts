import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, LINUX_VM, readyPool, startHarness, waitFor, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe("pools", () => {
  it("creates a pool whose allocation goes resizing → steady and whose nodes go creating → starting → idle", async () => {
    expect((await h.client.pool.exists("grow")).body).toBe(false);
    const added = await h.client.pool.add({ id: "grow", vmSize: "STANDARD_D2S_V5", virtualMachineConfiguration: LINUX_VM, targetDedicatedNodes: 2 });
    expect(added._response.status).toBe(201);
    expect((await h.client.pool.exists("grow")).body).toBe(true);

    const fresh = await h.client.pool.get("grow");
    expect(fresh).toMatchObject({ id: "grow", state: "active", allocationState: "resizing", targetDedicatedNodes: 2, vmSize: "standard_d2s_v5" });
    const creating = await h.client.computeNode.list("grow");
    expect(creating.map((n) => n.state)).toEqual(["creating", "creating"]);

    await waitFor(
      h.emu,
      () => h.client.pool.get("grow"),
      (p) => p.allocationState === "steady",
    );
    const starting = await waitFor(
      h.emu,
      () => h.client.computeNode.list("grow"),
      (l) => l.some((n) => n.state !== "creating"),
    );
    expect(starting.map((n) => n.state)).toEqual(["starting", "starting"]);
    const idle = await waitFor(
      h.emu,
      () => h.client.computeNode.list("grow"),
      (l) => l.every((n) => n.state === "idle"),
    );
    expect(idle).toHaveLength(2);
    expect(idle.every((n) => n.isDedicated && n.schedulingState === "enabled" && n.lastBootTime instanceof Date)).toBe(true);

    const pool = await h.client.pool.get("grow");
    expect(pool).toMatchObject({ allocationState: "steady", currentDedicatedNodes: 2, currentLowPriorityNodes: 0 });
    const list = await h.client.pool.list();
    expect(list.map((p) => p.id)).toContain("grow");
  });

  it("answers 409 PoolExists for a duplicate id and 404 PoolNotFound for a missing pool", async () => {
    const dup = await failure(h.client.pool.add({ id: "grow", vmSize: "standard_d2s_v5", virtualMachineConfiguration: LINUX_VM }));
    expect([dup.statusCode, dup.code]).toEqual([409, "PoolExists"]);
    const missing = await failure(h.client.pool.get("no-such-pool"));
    expect([missing.statusCode, missing.code]).toEqual([404, "PoolNotFound"]);
  });
});

describe("pools: resize and removenodes", () => {
  it("resizes, refuses removenodes while resizing, then removes nodes through leavingpool", async () => {
    const resized = await h.client.pool.resize("grow", { targetDedicatedNodes: 3 });
    expect(resized._response.status).toBe(202);
    expect((await h.client.pool.get("grow")).allocationState).toBe("resizing");

    const nodes = await h.client.computeNode.list("grow");
    const busy = await failure(h.client.pool.removeNodes("grow", { nodeList: [nodes[0]!.id!] }));
    expect([busy.statusCode, busy.code]).toEqual([409, "PoolBeingResized"]);

    await waitFor(
      h.emu,
      () => h.client.pool.get("grow"),
      (p) => p.allocationState === "steady" && p.currentDedicatedNodes === 3,
    );
    const three = await waitFor(
      h.emu,
      () => h.client.computeNode.list("grow"),
      (l) => l.length === 3 && l.every((n) => n.state === "idle"),
    );

    const victim = three[0]!.id!;
    const removed = await h.client.pool.removeNodes("grow", { nodeList: [victim] });
    expect(removed._response.status).toBe(202);
    const pool = await h.client.pool.get("grow");
    expect(pool).toMatchObject({ allocationState: "resizing", targetDedicatedNodes: 2 });
    expect((await h.client.computeNode.get("grow", victim)).state).toBe("leavingpool");

    const after = await waitFor(
      h.emu,
      () => h.client.computeNode.list("grow"),
      (l) => l.length === 2,
    );
    expect(after.map((n) => n.id)).not.toContain(victim);
    const gone = await failure(h.client.computeNode.get("grow", victim));
    expect([gone.statusCode, gone.code]).toEqual([404, "NodeNotFound"]);
    const steady = await waitFor(
      h.emu,
      () => h.client.pool.get("grow"),
      (p) => p.allocationState === "steady",
    );
    expect(steady).toMatchObject({ currentDedicatedNodes: 2, targetDedicatedNodes: 2 });
  });
});

describe("pools: node removal, limits, counts and deletion", () => {
  it("requeues the task running on a removed node (requeueCount 1), which then runs on another node", async () => {
    await h.client.job.add({ id: "on-grow", poolInfo: { poolId: "grow" } });
    await h.client.task.add("on-grow", { id: "long", commandLine: `/bin/sh -c "sleep 300"` });
    const running = await waitFor(
      h.emu,
      () => h.client.task.get("on-grow", "long"),
      (t) => t.state === "running",
    );
    const first = running.nodeInfo!.nodeId!;
    await h.client.pool.removeNodes("grow", { nodeList: [first], nodeDeallocationOption: "requeue" });
    const moved = await waitFor(
      h.emu,
      () => h.client.task.get("on-grow", "long"),
      (t) => t.state === "running" && t.nodeInfo?.nodeId !== first,
    );
    expect(moved.executionInfo).toMatchObject({ requeueCount: 1, retryCount: 0 });
    expect(moved.executionInfo?.lastRequeueTime).toBeInstanceOf(Date);
    await h.client.task.terminate("on-grow", "long");
    // Grow back to two for the tests below.
    await waitFor(
      h.emu,
      () => h.client.pool.get("grow"),
      (p) => p.allocationState === "steady" && p.currentDedicatedNodes === 1,
    );
    await h.client.pool.resize("grow", { targetDedicatedNodes: 2 });
    await waitFor(
      h.emu,
      () => h.client.computeNode.list("grow"),
      (l) => l.length === 2 && l.every((n) => n.state === "idle"),
    );
  });

  it("refuses a resizeTimeout under five minutes with 400 InvalidPropertyValue", async () => {
    await waitFor(
      h.emu,
      () => h.client.pool.get("grow"),
      (p) => p.allocationState === "steady",
    );
    const e = await failure(h.client.pool.resize("grow", { targetDedicatedNodes: 2, resizeTimeout: "PT1M" }));
    expect([e.statusCode, e.code]).toEqual([400, "InvalidPropertyValue"]);
    expect(e.body?.values).toEqual(expect.arrayContaining([{ key: "PropertyName", value: "resizeTimeout" }]));
  });

  it("counts nodes per pool and state (account.listPoolNodeCounts)", async () => {
    const counts = await h.client.account.listPoolNodeCounts();
    const row = counts.find((c) => c.poolId === "grow");
    expect(row?.dedicated).toMatchObject({ idle: 2, total: 2, creating: 0, leavingPool: 0 });
    expect(row?.lowPriority?.total).toBe(0);
  });

  it("deletes a pool: state deleting, then HEAD (exists) answers 404 → false", async () => {
    await readyPool(h, "doomed", 1);
    const deleted = await h.client.pool.deleteMethod("doomed");
    expect(deleted._response.status).toBe(202);
    expect((await h.client.pool.get("doomed")).state).toBe("deleting");
    await waitFor(
      h.emu,
      () => h.client.pool.exists("doomed"),
      (exists) => exists.body === false,
    );
    const list = await h.client.pool.list();
    expect(list.map((p) => p.id)).not.toContain("doomed");
  });
});

/** The ids of pool "vm"'s two nodes, made ready once for the describe blocks below that share the pool. */
let vmNodesReady: Promise<string[]> | undefined;
const readyVmNodes = () => (vmNodesReady ??= readyPool(h, "vm", 2).then((nodes) => nodes.map((n) => n.id!)));

describe("compute nodes", () => {
  let vmNodes: string[] = [];
  beforeAll(async () => {
    vmNodes = await readyVmNodes();
  });

  it("lists and gets nodes with the wire fields of a VM pool node", async () => {
    const list = await h.client.computeNode.list("vm");
    expect(list.map((n) => n.id)).toEqual(vmNodes);
    const node = await h.client.computeNode.get("vm", vmNodes[0]!);
    expect(node).toMatchObject({ id: vmNodes[0], state: "idle", vmSize: "standard_d2s_v5", affinityId: `TVM:${vmNodes[0]}`, runningTasksCount: 0 });
    expect(node.url).toBe(`${h.emu.url}/pools/vm/nodes/${vmNodes[0]}`);
  });

  it("names VM pool nodes as the service does: tvmps_<64 hex>_d dedicated, _p spot, the same ids for the same pool", async () => {
    expect(vmNodes.every((id) => /^tvmps_[0-9a-f]{64}_d$/.test(id) && id.length === 72)).toBe(true);
    expect(new Set(vmNodes).size).toBe(2);
    await h.client.pool.add({
      id: "spotty",
      vmSize: "standard_d2s_v5",
      virtualMachineConfiguration: LINUX_VM,
      targetDedicatedNodes: 1,
      targetLowPriorityNodes: 1,
    });
    const nodes = await h.client.computeNode.list("spotty");
    const byKind = Object.fromEntries(nodes.map((n) => [n.isDedicated ? "dedicated" : "spot", n.id!]));
    expect(byKind.dedicated).toMatch(/^tvmps_[0-9a-f]{64}_d$/);
    expect(byKind.spot).toMatch(/^tvmps_[0-9a-f]{64}_p$/);
    expect(vmNodes).not.toContain(byKind.dedicated);
    // Derived from pool and node number, not the clock: another emulator names the same pool's nodes alike.
    const other = await startHarness();
    try {
      await other.client.pool.add({ id: "vm", vmSize: "standard_d2s_v5", virtualMachineConfiguration: LINUX_VM, targetDedicatedNodes: 2 });
      expect((await other.client.computeNode.list("vm")).map((n) => n.id)).toEqual(vmNodes);
    } finally {
      await other.close();
    }
  });

  it("reboots: 202, rebooting, then idle again", async () => {
    const id = vmNodes[0]!;
    const before = await h.client.computeNode.get("vm", id);
    const res = await h.client.computeNode.reboot("vm", id);
    expect(res._response.status).toBe(202);
    expect((await h.client.computeNode.get("vm", id)).state).toBe("rebooting");
    const again = await failure(h.client.computeNode.reboot("vm", id));
    expect([again.statusCode, again.code]).toEqual([409, "NodeBeingRebooted"]);
    const idle = await waitFor(
      h.emu,
      () => h.client.computeNode.get("vm", id),
      (n) => n.state === "idle",
      { stepMs: 5_000 },
    );
    expect(idle.lastBootTime!.getTime()).toBeGreaterThan(before.lastBootTime!.getTime());
  });

  it("refuses reimage on a virtualMachineConfiguration pool with 409 OperationNotValidOnNode", async () => {
    const e = await failure(h.client.computeNode.reimage("vm", vmNodes[1]!));
    expect([e.statusCode, e.code]).toEqual([409, "OperationNotValidOnNode"]);
    expect((await h.client.computeNode.get("vm", vmNodes[1]!)).state).toBe("idle");
  });
});

describe("compute nodes: reimage, scheduling, remote login and logs", () => {
  let vmNodes: string[] = [];
  beforeAll(async () => {
    vmNodes = await readyVmNodes();
  });

  it("reimages a node of a cloudServiceConfiguration pool: 202, reimaging, then idle", async () => {
    await h.client.pool.add({ id: "classic", vmSize: "standard_d2_v2", cloudServiceConfiguration: { osFamily: "6" }, targetDedicatedNodes: 1 });
    const [node] = await waitFor(
      h.emu,
      () => h.client.computeNode.list("classic"),
      (l) => l.length === 1 && l[0]!.state === "idle",
      { stepMs: 5_000 },
    );
    const res = await h.client.computeNode.reimage("classic", node!.id!);
    expect(res._response.status).toBe(202);
    expect(node!.id).toMatch(/^tvm-\d+_1-\d{8}t\d{6}z$/);
    expect((await h.client.computeNode.get("classic", node!.id!)).state).toBe("reimaging");
    await waitFor(
      h.emu,
      () => h.client.computeNode.get("classic", node!.id!),
      (n) => n.state === "idle",
      { stepMs: 10_000 },
    );
  });

  it("disables and enables scheduling (200), and answers 409 NodeAlreadyInTargetSchedulingState when repeated", async () => {
    const id = vmNodes[1]!;
    const off = await h.client.computeNode.disableScheduling("vm", id);
    expect(off._response.status).toBe(200);
    expect(await h.client.computeNode.get("vm", id)).toMatchObject({ state: "offline", schedulingState: "disabled" });
    const twice = await failure(h.client.computeNode.disableScheduling("vm", id));
    expect([twice.statusCode, twice.code]).toEqual([409, "NodeAlreadyInTargetSchedulingState"]);

    const on = await h.client.computeNode.enableScheduling("vm", id);
    expect(on._response.status).toBe(200);
    expect(await h.client.computeNode.get("vm", id)).toMatchObject({ state: "idle", schedulingState: "enabled" });
    const again = await failure(h.client.computeNode.enableScheduling("vm", id));
    expect([again.statusCode, again.code]).toEqual([409, "NodeAlreadyInTargetSchedulingState"]);
  });

  it("returns remote login settings for a VM pool node", async () => {
    const settings = await h.client.computeNode.getRemoteLoginSettings("vm", vmNodes[0]!);
    expect(settings.remoteLoginIPAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(settings.remoteLoginPort).toBeGreaterThan(0);
    const node = await h.client.computeNode.get("vm", vmNodes[0]!);
    expect(settings.remoteLoginPort).toBe(node.endpointConfiguration?.inboundEndpoints[0]?.frontendPort);
  });

  it("uploads Batch service logs (200) into a directory named after pool and node", async () => {
    const res = await h.client.computeNode.uploadBatchServiceLogs("vm", vmNodes[0]!, {
      containerUrl: "https://logs.blob.core.windows.net/batch-logs?sv=2022-11-02&sp=rwc&se=2030-01-01T00%3A00%3A00Z&sig=abc",
      startTime: new Date(Date.now() - 3_600_000),
    });
    expect(res._response.status).toBe(200);
    expect(res.virtualDirectoryName).toMatch(new RegExp(`^vm/${vmNodes[0]}/`));
    expect(res.numberOfFilesUploaded).toBeGreaterThan(0);
  });
});
