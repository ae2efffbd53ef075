import { beforeAll, describe, expect, it } from "vitest";
import { auditListResponse } from "@/lib/schemas/audit";
import { nodeUsersResponse, removeUserResponse, connectResponse } from "@/lib/schemas/connect";
import { cellTasksResponse, heatmapResponse } from "@/lib/schemas/failures";
import { fileListResponse, fileProperties } from "@/lib/schemas/files";
import { nodeDetailResponse } from "@/lib/schemas/nodes";
import { previewResponse } from "@/lib/schemas/remediation";
import { newSshPublicKey } from "@/tests/support/ssh-key";
import { actOk, calls, PAGE_HEADERS, postAction, readyPool, waitFor } from "./remediation-support";
import { handlers } from "./route-table";
import { all, call, callBytes, callOk, emulatorPerSuite, fullHeatmap } from "./support";

// Node ids as the real service makes them on virtual-machine pools, tvmps_<64 hex>_d (72 characters, see
// docs/real-service.md), through every route that takes a node id; and the same node reached with its id
// in another case, since Batch ids are case-insensitive.
const env = emulatorPerSuite({ scenario: "empty", account: "realids" });
const a = () => env.account;
const POOL = "vm-pool";
const JOB = "ids-job";
const REAL_NODE_ID = /^tvmps_[0-9a-f]{64}_d$/;

let nodes: string[] = [];
/** A node some failing tasks ran on, how many, and the other node. */
let node = "";
let failedOnNode = 0;
let other = "";
const upper = (id: string) => id.toUpperCase();
const nodeParams = (id: string) => ({ account: a(), poolId: POOL, nodeId: id });
const nodeUrl = (id: string, rest = "") => `/api/accounts/${a()}/pools/${POOL}/nodes/${id}${rest}`;

beforeAll(async () => {
  nodes = await readyPool(env, POOL, 2);
  await env.sdk.job.add({ id: JOB, poolInfo: { poolId: POOL } });
  await env.sdk.task.addCollection(
    JOB,
    Array.from({ length: 6 }, (_, i) => ({ id: `fail-${i}`, commandLine: "/bin/sh -c 'echo boom >&2; exit 3'" })),
  );
  const done = await waitFor(
    env.emu,
    () => env.sdk.task.list(JOB),
    (l) => l.length === 6 && l.every((t) => t.state === "completed"),
    { stepMs: 1_000 },
  );
  // The service clock is learnt from the Date header, to the second: step past the last task's end so the
  // heatmap's "last hour" holds every one of them.
  env.emu.advance(5_000);
  node = done[0]!.nodeInfo!.nodeId!;
  failedOnNode = done.filter((t) => t.nodeInfo?.nodeId === node).length;
  other = nodes.find((n) => n !== node)!;
  // Every test below is about ids of this form: on short ids none of them may pass.
  for (const id of nodes) expect(id, "a VM-pool node id as the real service makes it").toMatch(REAL_NODE_ID);
});

describe("the emulator gives node ids of the real form", () => {
  it("every node of a VM pool has a 72-character tvmps_…_d id, so these tests cannot pass on short ids", () => {
    expect(nodes).toHaveLength(2);
    for (const id of nodes) {
      expect(id).toHaveLength(72);
      expect(id).toMatch(REAL_NODE_ID);
    }
    expect(nodes).toContain(node);
  });
});

describe("node page routes", () => {
  it("answer the node by its real id, and the same node with the id upper-cased", async () => {
    for (const id of [node, upper(node)]) {
      const body = await callOk(handlers.nodeGET, nodeUrl(id), nodeParams(id), nodeDetailResponse);
      // The node as Batch spells it, whatever the URL said.
      expect(body.node.id).toBe(node);
      expect(body.node.recentTasks.some((t) => t.jobId === JOB && t.outcome === "failed")).toBe(true);
    }
  });

  it("list the node's files and read one, by the real id and upper-cased", async () => {
    const sdkFiles = await all(env.sdk.file.listFromComputeNode(POOL, node, { recursive: true }), (l) => env.sdk.file.listFromComputeNodeNext(l));
    const stderr = sdkFiles.find((f) => !f.isDirectory && f.name!.endsWith("stderr.txt"))!;
    expect(stderr, "a failed task's stderr.txt on the node").toBeDefined();
    for (const id of [node, upper(node)]) {
      const list = await callOk(handlers.nodeFilesGET, nodeUrl(id, "/files?recursive=true"), nodeParams(id), fileListResponse);
      expect(list.files.map((f) => f.name).sort()).toEqual(sdkFiles.map((f) => f.name!).sort());
      const params = { ...nodeParams(id), path: stderr.name!.split("/") };
      const props = await callOk(handlers.nodeFileGET, nodeUrl(id, `/files/${stderr.name}?properties=true`), params, fileProperties);
      expect(props).toMatchObject({ isDirectory: false, size: stderr.properties!.contentLength });
      const bytes = await callBytes(handlers.nodeFileGET, nodeUrl(id, `/files/${stderr.name}`), params);
      expect(bytes.status).toBe(200);
      expect(bytes.bytes.toString("utf8")).toContain("boom");
    }
  });
});

describe("heatmap cells", () => {
  const window = "window=1h";

  it("the pool heatmap has one row for the node, spelled as Batch does, and its cell answers to the id in any case", async () => {
    const h = await fullHeatmap(
      handlers.poolHeatmapGET,
      `/api/accounts/${a()}/pools/${POOL}/heatmap?${window}`,
      { account: a(), poolId: POOL },
      heatmapResponse,
    );
    const rows = h.rows.filter((r) => r.nodeId.toLowerCase() === node.toLowerCase());
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ nodeId: node, gone: false, failures: failedOnNode });
    const span = `cellFrom=${new Date(h.window.from).toISOString()}&cellTo=${new Date(h.window.to).toISOString()}`;
    for (const id of [node, upper(node)]) {
      const cell = await callOk(
        handlers.poolHeatmapCellGET,
        `/api/accounts/${a()}/pools/${POOL}/heatmap/cell?${window}&nodeId=${id}&${span}`,
        { account: a(), poolId: POOL },
        cellTasksResponse,
      );
      expect(cell.groups.reduce((n, g) => n + g.tasks.length, 0)).toBe(failedOnNode);
    }
  });

  it("the job heatmap cell answers to the real id and the upper-cased one alike", async () => {
    const h = await fullHeatmap(handlers.jobHeatmapGET, `/api/accounts/${a()}/jobs/${JOB}/heatmap?${window}`, { account: a(), jobId: JOB }, heatmapResponse);
    const span = `cellFrom=${new Date(h.window.from).toISOString()}&cellTo=${new Date(h.window.to).toISOString()}`;
    for (const id of [node, upper(node)]) {
      const cell = await callOk(
        handlers.jobHeatmapCellGET,
        `/api/accounts/${a()}/jobs/${JOB}/heatmap/cell?${window}&nodeId=${id}&${span}`,
        { account: a(), jobId: JOB },
        cellTasksResponse,
      );
      expect(cell.groups.reduce((n, g) => n + g.tasks.length, 0)).toBe(failedOnNode);
    }
  });
});

describe("actions", () => {
  it("the preview finds both nodes, one named in upper case", async () => {
    const r = await callOk(
      handlers.actionPreviewGET,
      `/api/accounts/${a()}/pools/${POOL}/actions/preview?nodes=${node},${upper(other)}`,
      { account: a(), poolId: POOL },
      previewResponse,
    );
    expect(r.nodes.map((n) => [n.nodeId, n.exists, n.actions.disableScheduling?.allowed])).toEqual([
      [node, true, true],
      [upper(other), true, true],
    ]);
  });

  it("disable then enable scheduling on a real id; a retry in another case sends nothing again", async () => {
    const disabled = await actOk(env, POOL, { action: "disableScheduling", nodeIds: [upper(node)] });
    expect(disabled.results).toMatchObject([{ nodeId: upper(node), outcome: "accepted" }]);
    expect((await env.sdk.computeNode.get(POOL, node)).schedulingState).toBe("disabled");

    await env.resetStats();
    const operationId = crypto.randomUUID();
    const enabled = await actOk(env, POOL, { operationId, action: "enableScheduling", nodeIds: [node] });
    expect(enabled.results).toMatchObject([{ nodeId: node, outcome: "accepted" }]);
    expect((await env.sdk.computeNode.get(POOL, node)).schedulingState).toBe("enabled");
    const retry = await actOk(env, POOL, { operationId: operationId.toUpperCase(), action: "enableScheduling", nodeIds: [upper(node)] });
    expect(retry.results).toMatchObject([{ outcome: "accepted", recordId: enabled.results[0]!.recordId }]);
    expect(await calls(env, "POST /pools/")).toBe(1);
  });

  it("refuses one node listed twice in two cases", async () => {
    const r = await postAction(env, POOL, { action: "disableScheduling", nodeIds: [node, upper(node)] });
    expect(r.status).toBe(400);
    expect(r.text).toContain("listed twice");
  });
});

describe("Connect", () => {
  it("creates a user on a real id, lists it with the id upper-cased, and removes it that way", async () => {
    const created = await call(handlers.nodeUsersPOST, nodeUrl(node, "/users"), nodeParams(node), {
      method: "POST",
      headers: PAGE_HEADERS,
      body: JSON.stringify({ sshPublicKey: newSshPublicKey("oncall@laptop"), expiryHours: 1, reason: "real ids look around" }),
    });
    expect(created.status, created.text).toBe(200);
    const { userName } = connectResponse.parse(created.json);

    const listed = await call(handlers.nodeUsersGET, nodeUrl(upper(node), "/users"), nodeParams(upper(node)));
    expect(listed.status, listed.text).toBe(200);
    expect(nodeUsersResponse.parse(listed.json).users.map((u) => u.userName)).toContain(userName);

    const removed = await call(
      handlers.nodeUserDELETE,
      nodeUrl(upper(node), `/users/${userName}`),
      { ...nodeParams(upper(node)), userName },
      {
        method: "DELETE",
        headers: PAGE_HEADERS,
        body: JSON.stringify({ reason: "done" }),
      },
    );
    expect(removed.status, removed.text).toBe(200);
    expect(removeUserResponse.parse(removed.json).outcome).toBe("removed");
    // The removal, recorded under the upper-cased id, is found from the id as Batch spells it.
    const after = await call(handlers.nodeUsersGET, nodeUrl(node, "/users"), nodeParams(node));
    expect(nodeUsersResponse.parse(after.json).users.find((u) => u.userName === userName)).toMatchObject({ removed: true });
  });
});

describe("audit filters", () => {
  it("a filter by the upper-cased node id or pool finds the node's records, written in any case", async () => {
    const byNode = async (id: string) =>
      auditListResponse.parse((await call(handlers.auditGET, `/api/accounts/${a()}/audit?node=${id}`, { account: a() })).json).records;
    const lower = await byNode(node);
    const upperRecords = await byNode(upper(node));
    // disable (typed upper-case), enable (as Batch spells it), addUser and deleteUser.
    expect(new Set(upperRecords.map((r) => r.action))).toEqual(new Set(["disableScheduling", "enableScheduling", "addUser", "deleteUser"]));
    expect(upperRecords.map((r) => r.id)).toEqual(lower.map((r) => r.id));
    expect(upperRecords.every((r) => r.nodeId.toLowerCase() === node.toLowerCase())).toBe(true);
    const byPool = auditListResponse.parse(
      (await call(handlers.auditGET, `/api/accounts/${a()}/audit?pool=${upper(POOL)}&node=${upper(node)}`, { account: a() })).json,
    ).records;
    expect(byPool.map((r) => r.id)).toEqual(lower.map((r) => r.id));
  });
});
