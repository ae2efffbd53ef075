import type { BatchServiceClient } from "@azure/batch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deallocateNode, startNode } from "@/lib/batch/node-power";
import { failure, newClient, readBody, readyPool, startHarness, waitFor, type Harness } from "./harness";

// The emulator serves 2025-06-01 and 2022-10-01.16.0 and differs where the two specs differ
// (docs/real-service.md "API versions"). h.client is the SDK as shipped (2022-10-01.16.0); v25 the same
// SDK with its apiVersion set, as lib/batch/client.ts does.
let h: Harness;
let v25: BatchServiceClient;
const withVersion = (v: string) => Object.assign(newClient(h.emu, h.emu.key), { apiVersion: v });

beforeAll(async () => {
  h = await startHarness();
  v25 = withVersion("2025-06-01");
  await readyPool(h, "vm", 3);
  await h.client.pool.add({ id: "legacy", vmSize: "standard_d2_v2", cloudServiceConfiguration: { osFamily: "6" }, targetDedicatedNodes: 1 });
  await waitFor(
    h.emu,
    () => h.client.computeNode.list("legacy"),
    (l) => l.length === 1 && l[0]!.state === "idle",
  );
});
afterAll(() => h.close());

describe("api-version", () => {
  it("refuses an unknown version with 400 InvalidQueryParameterValue naming the parameter and value, and a missing one with MissingRequiredQueryParameter", async () => {
    const unknown = await failure(withVersion("2021-06-01.14.0").pool.list());
    expect([unknown.statusCode, unknown.code]).toEqual([400, "InvalidQueryParameterValue"]);
    expect(unknown.body?.values).toEqual(
      expect.arrayContaining([
        { key: "QueryParameterName", value: "api-version" },
        { key: "QueryParameterValue", value: "2021-06-01.14.0" },
      ]),
    );
    // The suffixed spec-folder name is not the wire value (docs/real-service.md).
    expect((await failure(withVersion("2025-06-01.21.0").pool.list())).code).toBe("InvalidQueryParameterValue");
    const missing = await failure(withVersion("").pool.list());
    expect([missing.statusCode, missing.code]).toEqual([400, "MissingRequiredQueryParameter"]);
    expect(missing.body?.values).toEqual([{ key: "QueryParameterName", value: "api-version" }]);
  });

  it("takes both spellings of the timeout (the SDK's timeout, 2025-06-01's timeOut), signed through the client's pipeline", async () => {
    for (const name of ["timeout", "timeOut"]) {
      const ok = await v25.sendRequest({ url: `${h.emu.url}/pools?api-version=2025-06-01&${name}=30`, method: "GET" });
      expect(ok.status, name).toBe(200);
    }
    const bad = await v25.sendRequest({ url: `${h.emu.url}/pools?api-version=2025-06-01&timeOut=soon`, method: "GET" });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.bodyAsText ?? "{}").values).toContainEqual({ key: "QueryParameterName", value: "timeOut" });
  });

  it("counts every accepted request by the version it carried, *Next paging included", async () => {
    await h.control("POST", "/stats/reset");
    const first = await v25.pool.list({ poolListOptions: { maxResults: 1 } });
    expect(first.odatanextLink).toBeDefined();
    await v25.pool.listNext(first.odatanextLink!);
    await h.client.pool.get("vm");
    const stats = (await h.control("GET", "/stats")) as { total: number; byVersion: Record<string, number> };
    expect(stats).toMatchObject({ total: 3, byVersion: { "2025-06-01": 2, "2022-10-01.16.0": 1 } });
  });
});

describe("what differs between the versions", () => {
  it("shows cloudServiceConfiguration on 2022-10-01.16.0 only, and needs virtualMachineConfiguration to create a pool on 2025-06-01", async () => {
    expect((await h.client.pool.get("legacy")).cloudServiceConfiguration).toMatchObject({ osFamily: "6" });
    const modern = await v25.pool.get("legacy");
    expect(modern.cloudServiceConfiguration).toBeUndefined();
    expect(modern.virtualMachineConfiguration).toBeUndefined();
    expect((await v25.pool.list()).find((p) => p.id === "legacy")?.cloudServiceConfiguration).toBeUndefined();
    const refused = await failure(v25.pool.add({ id: "cs-2025", vmSize: "standard_d2_v2", cloudServiceConfiguration: { osFamily: "6" } }));
    expect([refused.statusCode, refused.code]).toEqual([400, "MissingRequiredProperty"]);
  });

  it("serves the RDP file on 2022-10-01.16.0 and answers 2025-06-01 as for an unknown resource", async () => {
    const [node] = await h.client.computeNode.list("legacy");
    const rdp = await readBody(await h.client.computeNode.getRemoteDesktop("legacy", node!.id!));
    expect(rdp.toString()).toContain("full address:s:");
    const gone = await v25.sendRequest({ url: `${h.emu.url}/pools/legacy/nodes/${node!.id}/rdp?api-version=2025-06-01`, method: "GET" });
    expect(gone.status).toBe(400);
    expect(JSON.parse(gone.bodyAsText ?? "{}").code).toBe("InvalidUri");
  });

  it("reimages virtual-machine nodes on 2025-06-01 only", async () => {
    const [node] = await h.client.computeNode.list("vm");
    const refused = await failure(h.client.computeNode.reimage("vm", node!.id!));
    expect([refused.statusCode, refused.code]).toEqual([409, "OperationNotValidOnNode"]);
    expect((await v25.computeNode.reimage("vm", node!.id!))._response.status).toBe(202);
    expect((await v25.computeNode.get("vm", node!.id!)).state).toBe("reimaging");
    await waitFor(
      h.emu,
      () => v25.computeNode.get("vm", node!.id!),
      (n) => n.state === "idle",
    );
  });
});

describe("deallocate and start: 2025-06-01 only", () => {
  it("deallocates (requeueing the running task) and starts a node on 2025-06-01, with the new node counts", async () => {
    await h.client.job.add({ id: "work", poolInfo: { poolId: "vm" } });
    await h.client.task.add("work", { id: "long", commandLine: `/bin/sh -c "sleep 600"` });
    const running = await waitFor(
      h.emu,
      () => h.client.task.get("work", "long"),
      (t) => t.state === "running",
    );
    const nodeId = running.nodeInfo!.nodeId!;

    const res = await deallocateNode(v25, "vm", nodeId, "requeue");
    expect(res._response.status).toBe(202);
    expect(res.requestId).toBeTruthy();
    expect((await v25.computeNode.get("vm", nodeId)).state).toBe("deallocating");
    const requeued = await waitFor(
      h.emu,
      () => h.client.task.get("work", "long"),
      (t) => t.state === "running" && t.nodeInfo?.nodeId !== nodeId,
    );
    expect(requeued.executionInfo?.requeueCount).toBe(1);
    await waitFor(
      h.emu,
      () => v25.computeNode.get("vm", nodeId),
      (n) => (n.state as string) === "deallocated",
    );

    const [counts25] = await v25.account.listPoolNodeCounts({ accountListPoolNodeCountsOptions: { filter: "poolId eq 'vm'" } });
    expect(counts25!.dedicated).toMatchObject({ deallocated: 1, deallocating: 0, upgradingOS: 0, total: 3 });
    const [counts22] = await h.client.account.listPoolNodeCounts({ accountListPoolNodeCountsOptions: { filter: "poolId eq 'vm'" } });
    expect(counts22!.dedicated).not.toHaveProperty("deallocated");
    expect(counts22!.dedicated!.total).toBe(3);

    const again = await failure(deallocateNode(v25, "vm", nodeId, undefined));
    expect([again.statusCode, again.code]).toEqual([409, "OperationInvalidForCurrentState"]);
    const reboot = await failure(v25.computeNode.reboot("vm", nodeId));
    expect([reboot.statusCode, reboot.code]).toEqual([409, "OperationInvalidForCurrentState"]);

    expect((await startNode(v25, "vm", nodeId))._response.status).toBe(202);
    expect((await v25.computeNode.get("vm", nodeId)).state).toBe("starting");
    await waitFor(
      h.emu,
      () => v25.computeNode.get("vm", nodeId),
      (n) => n.state === "idle",
    );
    const notDeallocated = await failure(startNode(v25, "vm", nodeId));
    expect([notDeallocated.statusCode, notDeallocated.code]).toEqual([409, "OperationInvalidForCurrentState"]);
    await h.client.task.terminate("work", "long");
  });

  it("has no deallocate or start on 2022-10-01.16.0, and refuses them on cloud-service nodes", async () => {
    const [node] = await h.client.computeNode.list("vm");
    const old = await failure(deallocateNode(h.client, "vm", node!.id!, undefined));
    expect([old.statusCode, old.code]).toEqual([400, "InvalidUri"]);
    expect((await failure(startNode(h.client, "vm", node!.id!))).code).toBe("InvalidUri");
    const [legacy] = await h.client.computeNode.list("legacy");
    const refused = await failure(deallocateNode(v25, "legacy", legacy!.id!, "terminate"));
    expect([refused.statusCode, refused.code]).toEqual([409, "OperationNotValidOnNode"]);
  });
});
