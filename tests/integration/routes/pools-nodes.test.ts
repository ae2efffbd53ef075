import type { BatchServiceModels } from "@azure/batch";
import { describe, expect, it } from "vitest";
import { GET as accountsGET } from "@/app/api/accounts/route";
import { GET as poolGET } from "@/app/api/accounts/[account]/pools/[poolId]/route";
import { GET as nodeGET } from "@/app/api/accounts/[account]/pools/[poolId]/nodes/[nodeId]/route";
import { GET as nodesGET } from "@/app/api/accounts/[account]/pools/[poolId]/nodes/route";
import { GET as poolsGET } from "@/app/api/accounts/[account]/pools/route";
import { classifyTask } from "@/lib/failures/classify-task";
import { nodeDetailResponse, nodeListResponse } from "@/lib/schemas/nodes";
import { NODE_STATE_KEYS, poolDetailResponse, poolListResponse } from "@/lib/schemas/pools";
import { all, callOk, emulatorPerSuite, iso } from "./support";

// The demo scenario: three pools (one Cloud Services), and nodes that are unusable, starttaskfailed,
// preempted and offline, so every node-state count has something to be wrong about.
const env = emulatorPerSuite({ scenario: "demo", account: "pools-nodes" });
const a = () => env.account;

/** The node-state counts Batch itself reports for one pool, dedicated + low-priority per state. */
function expectedStates(counts: BatchServiceModels.PoolNodeCounts | undefined) {
  // The SDK's NodeCounts type predates deallocated/deallocating/upgradingOS, which arrive raw on 2025-06-01.
  const of = (c: BatchServiceModels.NodeCounts | undefined, k: string) => (c as Record<string, number> | undefined)?.[k] ?? 0;
  return Object.fromEntries(NODE_STATE_KEYS.map((k) => [k, of(counts?.dedicated, k) + of(counts?.lowPriority, k)]));
}

const sdkNodeCounts = () => all(env.sdk.account.listPoolNodeCounts(), (l) => env.sdk.account.listPoolNodeCountsNext(l));

describe("GET /api/accounts", () => {
  it("lists the configured account by name, never its URL or key", async () => {
    const res = await accountsGET();
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ accounts: [{ name: a(), isEmulator: true }] });
    expect(text).not.toContain(env.emu.key);
    expect(text).not.toContain(env.emu.url);
  });
});

describe("GET /api/accounts/[account]/pools", () => {
  it("lists every pool with node-state counts equal to account.listPoolNodeCounts, worst first", async () => {
    const body = await callOk(poolsGET, `/api/accounts/${a()}/pools`, { account: a() }, poolListResponse);
    const [pools, counts] = await Promise.all([all(env.sdk.pool.list(), (l) => env.sdk.pool.listNext(l)), sdkNodeCounts()]);
    expect(body.account).toEqual({ name: a(), isEmulator: true });
    expect(body.pools.map((p) => p.id).sort()).toEqual(pools.map((p) => p.id).sort());
    expect(pools.length).toBe(3);

    for (const p of pools) {
      const row = body.pools.find((r) => r.id === p.id)!;
      const c = counts.find((x) => x.poolId === p.id);
      const states = expectedStates(c);
      expect(row.nodeStates, p.id).toEqual(states);
      // No state Batch counts is dropped on the way: the states add up to Batch's own totals.
      expect(Object.values(row.nodeStates).reduce((s, n) => s + n, 0)).toBe((c?.dedicated?.total ?? 0) + (c?.lowPriority?.total ?? 0));
      expect(row).toMatchObject({
        state: p.state,
        allocationState: p.allocationState,
        vmSize: p.vmSize,
        dedicated: { current: p.currentDedicatedNodes, target: p.targetDedicatedNodes },
        lowPriority: { current: p.currentLowPriorityNodes, target: p.targetLowPriorityNodes },
        unhealthyNodes: states.startTaskFailed! + states.unusable! + states.unknown!,
        hasResizeErrors: (p.resizeErrors?.length ?? 0) > 0,
      });
    }
    // render-linux has an unusable and a starttaskfailed node: it comes first.
    expect(body.pools[0]).toMatchObject({ id: "render-linux", unhealthyNodes: 2 });
    const unhealthy = body.pools.map((p) => p.unhealthyNodes);
    expect(unhealthy).toEqual([...unhealthy].sort((x, y) => y - x));
    expect(Date.parse(body.asOf)).toBeGreaterThan(0);
  });
});

describe("GET /api/accounts/[account]/pools/[poolId]", () => {
  it.each(["render-linux", "etl-pool", "legacy-cloudservice"])("%s equals pool.get with its node counts", async (poolId) => {
    const { pool } = await callOk(poolGET, `/api/accounts/${a()}/pools/${poolId}`, { account: a(), poolId }, poolDetailResponse);
    const [p, counts] = await Promise.all([env.sdk.pool.get(poolId), sdkNodeCounts()]);
    const image = p.virtualMachineConfiguration?.imageReference;
    expect(pool).toMatchObject({
      id: p.id,
      state: p.state,
      allocationState: p.allocationState,
      vmSize: p.vmSize,
      taskSlotsPerNode: p.taskSlotsPerNode ?? 1,
      dedicated: { current: p.currentDedicatedNodes, target: p.targetDedicatedNodes },
      lowPriority: { current: p.currentLowPriorityNodes, target: p.targetLowPriorityNodes },
      nodeStates: expectedStates(counts.find((c) => c.poolId === poolId)),
      // 2025-06-01 shows a legacy cloud-service pool without cloudServiceConfiguration: no VM configuration says it.
      configuration: p.virtualMachineConfiguration ? "virtualMachine" : "cloudService",
      creationTime: iso(p.creationTime),
      stateTransitionTime: iso(p.stateTransitionTime),
      resizeErrors: (p.resizeErrors ?? []).map((e) => expect.objectContaining({ code: e.code })),
    });
    expect(pool.startTaskCommandLine).toBe(p.startTask?.commandLine);
    if (image) expect(pool.image).toBe([image.publisher, image.offer, image.sku, image.version].join(" / "));
    else if (p.cloudServiceConfiguration) expect(pool.image).toContain(`OS family ${p.cloudServiceConfiguration.osFamily}`);
    else expect(pool.image).toBe("Cloud Services (API 2025-06-01 does not show the OS family)");
  });
});

describe("GET /api/accounts/[account]/pools/[poolId]/nodes", () => {
  it.each(["render-linux", "etl-pool"])("%s lists the nodes computeNode.list returns, field for field", async (poolId) => {
    const body = await callOk(nodesGET, `/api/accounts/${a()}/pools/${poolId}/nodes`, { account: a(), poolId }, nodeListResponse);
    const nodes = await all(env.sdk.computeNode.list(poolId), (l) => env.sdk.computeNode.listNext(l));
    expect(body.poolId).toBe(poolId);
    expect(body.nodes.map((n) => n.id)).toEqual(nodes.map((n) => n.id));
    for (const n of nodes) {
      const row = body.nodes.find((r) => r.id === n.id)!;
      expect(row, n.id).toMatchObject({
        poolId,
        state: n.state,
        schedulingState: n.schedulingState,
        stateTransitionTime: iso(n.stateTransitionTime),
        isDedicated: n.isDedicated,
        runningTasks: n.runningTasksCount ?? 0,
        runningTaskSlots: n.runningTaskSlotsCount ?? 0,
        totalTasksRun: n.totalTasksRun ?? 0,
        totalTasksSucceeded: n.totalTasksSucceeded ?? 0,
        errors: (n.errors ?? []).map((e) => ({
          code: e.code,
          message: e.message,
          details: (e.errorDetails ?? []).map((d) => ({ name: d.name, value: d.value })),
        })),
      });
      expect(row.ipAddress).toBe(n.ipAddress);
      if (n.startTaskInfo)
        expect(row.startTask).toMatchObject({ state: n.startTaskInfo.state, exitCode: n.startTaskInfo.exitCode, retryCount: n.startTaskInfo.retryCount });
      else expect(row.startTask).toBeUndefined();
    }
    if (poolId === "render-linux") {
      // The demo's bad nodes come through with their states and their evidence.
      const states = body.nodes.map((n) => n.state);
      for (const s of ["unusable", "starttaskfailed", "preempted", "offline"]) expect(states).toContain(s);
      const startFailed = body.nodes.find((n) => n.state === "starttaskfailed")!;
      expect(startFailed.startTask).toMatchObject({ exitCode: 100, result: "failure", failureInfo: { code: "FailureExitCode" } });
      expect(body.nodes.find((n) => n.state === "unusable")!.errors.length).toBeGreaterThan(0);
    }
  });
});

describe("GET /api/accounts/[account]/pools/[poolId]/nodes/[nodeId]", () => {
  it("gives each node's recent tasks as computeNode.get does, failed ones with their category", async () => {
    const poolId = "render-linux";
    const nodes = await env.sdk.computeNode.list(poolId);
    let withRecent = 0;
    let failedSeen = 0;
    for (const listed of nodes) {
      const nodeId = listed.id!;
      const { node } = await callOk(nodeGET, `/api/accounts/${a()}/pools/${poolId}/nodes/${nodeId}`, { account: a(), poolId, nodeId }, nodeDetailResponse);
      const n = await env.sdk.computeNode.get(poolId, nodeId);
      expect(node).toMatchObject({
        id: nodeId,
        state: n.state,
        schedulingState: n.schedulingState,
        vmSize: n.vmSize,
        lastBootTime: iso(n.lastBootTime),
        allocationTime: iso(n.allocationTime),
        totalTasksRun: n.totalTasksRun ?? 0,
        errors: (n.errors ?? []).map((e) => expect.objectContaining({ code: e.code })),
      });
      expect(node.startTaskCommandLine).toBe(n.startTask?.commandLine);
      const recent = n.recentTasks ?? [];
      if (recent.length > 0) withRecent++;
      expect(node.recentTasks.map((r) => [r.jobId, r.taskId, r.state, r.exitCode, r.endTime, r.failureCode])).toEqual(
        recent.map((r) => [r.jobId, r.taskId, r.taskState, r.executionInfo?.exitCode, iso(r.executionInfo?.endTime), r.executionInfo?.failureInfo?.code]),
      );
      for (const [i, r] of recent.entries()) {
        const c = classifyTask({ id: r.taskId!, state: r.taskState, ...(r.executionInfo ? { executionInfo: r.executionInfo } : {}) });
        expect(node.recentTasks[i]).toMatchObject({ outcome: c.outcome });
        expect(node.recentTasks[i]!.category).toBe(c.category);
        if (c.outcome === "failed") {
          failedSeen++;
          expect(node.recentTasks[i]!.category).toBeDefined();
        }
      }
    }
    // The comparison above was not vacuous.
    expect(withRecent).toBeGreaterThan(5);
    expect(failedSeen).toBeGreaterThan(0);
  });
});
