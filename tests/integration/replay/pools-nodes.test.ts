import { describe, expect, it } from "vitest";
import { GET as nodeGET } from "@/app/api/accounts/[account]/pools/[poolId]/nodes/[nodeId]/route";
import { GET as nodesGET } from "@/app/api/accounts/[account]/pools/[poolId]/nodes/route";
import { GET as poolGET } from "@/app/api/accounts/[account]/pools/[poolId]/route";
import { GET as poolsGET } from "@/app/api/accounts/[account]/pools/route";
import { nodeDetailResponse, nodeListResponse } from "@/lib/schemas/nodes";
import { poolDetailResponse, poolListResponse } from "@/lib/schemas/pools";
import { callOk } from "../routes/support";
import { recordedBody, replayPerSuite } from "./support";

// Pools of the CLI 2020 recording, the steady pool of the batch-cli-extensions 2022 recording with its one
// node, and the two nodes (idle, starting) of the azure-sdk-for-python 2023 recording: README.md beside the fixtures.
const env = replayPerSuite("replay-pools", [
  "pool-list",
  "nodecounts-derived",
  "pool-get",
  "nodecounts-ncj-ubuntu1604-derived",
  "node-list-linux-2022",
  "node-list",
  "node-get",
]);
const a = () => env.account;
const base = () => `/api/accounts/${a()}`;

const POOL_2023 = "3d0a22a3";
const IDLE_NODE = "tvmps_4f03e4a0e1048d07a25d63cde52b01d53e6e483211a097532f930f3e4dee8169_d";
const iso = (s: string) => new Date(s).toISOString();

describe("pools from a recording", () => {
  it("lists the recorded pools with their states, sizes and node targets", async () => {
    const body = await callOk(poolsGET, `${base()}/pools`, { account: a() }, poolListResponse);
    const recorded = recordedBody("pool-list").value as Record<string, unknown>[];
    // No pool has unhealthy nodes, so the order is by id, as the service lists them.
    expect(body.pools.map((p) => p.id)).toEqual(["azure-cli-test-iaas", "azure-cli-test-json", "azure-cli-test-paas"]);
    for (const [i, p] of body.pools.entries()) {
      const r = recorded[i]!;
      expect(p).toMatchObject({
        id: r.id,
        state: r.state,
        allocationState: r.allocationState,
        vmSize: r.vmSize,
        dedicated: { current: r.currentDedicatedNodes, target: r.targetDedicatedNodes },
        lowPriority: { current: r.currentLowPriorityNodes, target: r.targetLowPriorityNodes },
        unhealthyNodes: 0,
        hasResizeErrors: false,
      });
    }
    // The cloud-service pool resizing towards two low-priority nodes.
    expect(body.pools[1]).toMatchObject({ allocationState: "resizing", vmSize: "small", lowPriority: { current: 0, target: 2 } });
    expect(env.server.count("GET", "/pools")).toBe(1);
    expect(env.server.count("GET", "/nodecounts")).toBe(1);
  });

  it("shows one pool with its image and the node counts Batch gives for it alone", async () => {
    const { pool } = await callOk(poolGET, `${base()}/pools/ncj-ubuntu1604`, { account: a(), poolId: "ncj-ubuntu1604" }, poolDetailResponse);
    const r = recordedBody("pool-get");
    expect(pool).toMatchObject({
      id: "ncj-ubuntu1604",
      state: "active",
      allocationState: "steady",
      vmSize: "standard_d1_v2",
      dedicated: { current: 1, target: 1 },
      taskSlotsPerNode: 1,
      configuration: "virtualMachine",
      image: "canonical / ubuntuserver / 18.04-lts / latest",
      resizeTimeout: "PT15M",
      resizeErrors: [],
      creationTime: iso(r.creationTime),
      allocationStateTransitionTime: iso(r.allocationStateTransitionTime),
    });
    // The one recorded node of this pool is idle.
    expect(pool.nodeStates.idle).toBe(1);
    expect(Object.values(pool.nodeStates).reduce((s, n) => s + n, 0)).toBe(1);
  });
});

describe("nodes from a recording (72-character tvmps_ ids)", () => {
  it("lists the nodes with their ids, states and addresses", async () => {
    const body = await callOk(nodesGET, `${base()}/pools/${POOL_2023}/nodes`, { account: a(), poolId: POOL_2023 }, nodeListResponse);
    const recorded = recordedBody("node-list").value as Record<string, string | number | boolean>[];
    expect(body.nodes.map((n) => n.id)).toEqual(recorded.map((n) => n.id));
    for (const n of body.nodes) expect(n.id).toMatch(/^tvmps_[0-9a-f]{64}_d$/);
    expect(body.nodes.map((n) => [n.state, n.schedulingState, n.ipAddress, n.isDedicated, n.stateTransitionTime])).toEqual(
      recorded.map((n) => [n.state, n.schedulingState, n.ipAddress, n.isDedicated, iso(n.stateTransitionTime as string)]),
    );
    expect(body.nodes.map((n) => n.state)).toEqual(["idle", "starting"]);
  });

  it("shows one node with its size, boot time and agent version", async () => {
    const { node } = await callOk(
      nodeGET,
      `${base()}/pools/${POOL_2023}/nodes/${IDLE_NODE}`,
      { account: a(), poolId: POOL_2023, nodeId: IDLE_NODE },
      nodeDetailResponse,
    );
    const r = recordedBody("node-get");
    expect(node).toMatchObject({
      id: IDLE_NODE,
      poolId: POOL_2023,
      state: "idle",
      vmSize: "standard_d2_v2",
      ipAddress: "10.0.0.4",
      nodeAgentVersion: "1.10.0",
      lastBootTime: iso(r.lastBootTime),
      allocationTime: iso(r.allocationTime),
      totalTasksRun: 0,
      errors: [],
      recentTasks: [],
    });
  });

  it("finds a node whatever the case of its id, as Batch does", async () => {
    const upper = IDLE_NODE.toUpperCase();
    const { node } = await callOk(
      nodeGET,
      `${base()}/pools/${POOL_2023.toUpperCase()}/nodes/${upper}`,
      { account: a(), poolId: POOL_2023.toUpperCase(), nodeId: upper },
      nodeDetailResponse,
    );
    expect(node.state).toBe("idle");
    expect(node.id).toBe(IDLE_NODE);
  });
});
