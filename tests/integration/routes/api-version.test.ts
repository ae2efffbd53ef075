import { beforeAll, describe, expect, it } from "vitest";
import { readApiVersion } from "@/lib/batch/account-config";
import { findAccount } from "@/lib/batch/accounts";
import { accountClient } from "@/lib/batch/client";
import { deallocateNode } from "@/lib/batch/node-power";
import { auditListResponse } from "@/lib/schemas/audit";
import { heatmapResponse } from "@/lib/schemas/failures";
import { poolHealthResponse } from "@/lib/schemas/health";
import { nodeListResponse } from "@/lib/schemas/nodes";
import { poolDetailResponse } from "@/lib/schemas/pools";
import { previewResponse } from "@/lib/schemas/remediation";
import { actOk, busyPool, calls, legacyClient, postAction, readyPool, UUID, waitFor } from "./remediation-support";
import { everyRoute, handlers } from "./route-table";
import { call, callOk, emulatorPerSuite, fullHeatmap } from "./support";

// The wire version is BATCH_API_VERSION (docs/real-service.md "API versions"); this file runs once per
// version (vitest.config.mts). Every request the emulator received must carry it, the 2025-06-01 actions
// exist only there, and a 2025-only node state reaches every view through the 2022 SDK's mappers.
const VERSION = readApiVersion();
const MODERN = VERSION === "2025-06-01";
const env = emulatorPerSuite({ scenario: "demo", account: "apiver" });
const a = () => env.account;

describe("the api-version on the wire", () => {
  let ids: Parameters<typeof everyRoute>[1];
  beforeAll(async () => {
    const [node] = await env.sdk.computeNode.list("render-linux");
    ids = {
      poolId: "render-linux",
      nodeId: node!.id!,
      jobId: "render-frames",
      taskId: "frame-encode-all",
      taskFile: "stderr.txt",
      nodeFile: "startup/stderr.txt",
    };
  });

  it("is the configured one on every Batch call of every route", async () => {
    await env.resetStats();
    for (const route of everyRoute(a(), ids)) await call(route.handler, route.url, route.params);
    const stats = (await env.control("GET", "/stats")) as { total: number; byVersion: Record<string, number> };
    expect(stats.total).toBeGreaterThan(20);
    expect(stats.byVersion).toEqual({ [VERSION]: stats.total });
  });

  it("is on *Next paging calls too, and SharedKey signatures still verify", async () => {
    const { client } = accountClient((await findAccount(a()))!);
    await env.resetStats();
    const first = await client.pool.list({ poolListOptions: { maxResults: 1 } });
    const second = await client.pool.listNext(first.odatanextLink!);
    expect(second.length).toBe(1);
    expect(((await env.control("GET", "/stats")) as { byVersion: Record<string, number> }).byVersion).toEqual({ [VERSION]: 2 });
  });
});

describe("a deallocated node (a 2025-06-01 state) in the views", () => {
  it("shows as deallocated in the node list, the heatmap rows, the pool's counts and its health", async () => {
    const [nodeId] = await readyPool(env, "dealloc-view", 2);
    // Made through a 2025-06-01 client whatever the dashboard speaks: a node another tool deallocated.
    const v25 = Object.assign(legacyClient(env), { apiVersion: "2025-06-01" });
    await deallocateNode(v25, "dealloc-view", nodeId!, undefined);
    await waitFor(
      env.emu,
      () => env.sdk.computeNode.get("dealloc-view", nodeId!),
      (n) => (n.state as string) === "deallocated",
      { stepMs: 10_000 },
    );

    const p = { account: a(), poolId: "dealloc-view" };
    const nodes = await callOk(handlers.nodesGET, `/api/accounts/${a()}/pools/dealloc-view/nodes`, p, nodeListResponse);
    expect(nodes.nodes.find((n) => n.id === nodeId)?.state).toBe("deallocated");
    const heat = await fullHeatmap(handlers.poolHeatmapGET, `/api/accounts/${a()}/pools/dealloc-view/heatmap?window=1h`, p, heatmapResponse);
    expect(heat.rows.find((r) => r.nodeId === nodeId)?.state).toBe("deallocated");
    const health = await callOk(handlers.poolHealthGET, `/api/accounts/${a()}/pools/dealloc-view/health`, p, poolHealthResponse);
    expect(health.health.nodeStates).toContainEqual(
      expect.objectContaining({ state: "deallocated", count: 1, nodes: [expect.objectContaining({ id: nodeId })] }),
    );
    const { pool } = await callOk(handlers.poolGET, `/api/accounts/${a()}/pools/dealloc-view`, p, poolDetailResponse);
    // NodeCounts has deallocated from 2025-06-01 on; the 2022 SDK mapper passes the raw number through.
    expect(pool.nodeStates).toMatchObject({ deallocated: MODERN ? 1 : 0, idle: 1 });
  });
});

describe("deallocate and start through the action route", () => {
  it(
    MODERN
      ? "deallocate requeues the running task, start brings the node back, each audited"
      : "are refused before any Batch call, saying why, and the preview says the same",
    async () => {
      const pool = await busyPool(env, "power", 1);
      const target = pool.nodes[0]!;
      const preview = async () => {
        const r = await call(handlers.actionPreviewGET, `/api/accounts/${a()}/pools/power/actions/preview?nodes=${target}`, { account: a(), poolId: "power" });
        return previewResponse.parse(r.json).nodes[0]!.actions;
      };
      if (!MODERN) {
        expect(await preview()).toMatchObject({
          deallocate: { allowed: false, reason: "Deallocate exists from Batch API 2025-06-01 on; this dashboard speaks 2022-10-01.16.0 (BATCH_API_VERSION)." },
          start: { allowed: false, reason: "Start exists from Batch API 2025-06-01 on; this dashboard speaks 2022-10-01.16.0 (BATCH_API_VERSION)." },
        });
        await env.resetStats();
        for (const action of ["deallocate", "start"]) {
          const r = await postAction(env, "power", { action, nodeIds: [target] });
          expect(r.status).toBe(400);
          expect(r.text).toContain(`action: ${action === "start" ? "Start" : "Deallocate"} exists from Batch API 2025-06-01 on`);
        }
        expect(await calls(env, "POST /pools/power/nodes/")).toBe(0);
        return;
      }
      expect(await preview()).toMatchObject({
        deallocate: { allowed: true },
        start: { allowed: false, reason: "Only a deallocated node can be started; this one is running." },
      });
      const d = await actOk(env, "power", { action: "deallocate", option: "requeue", nodeIds: [target], ticket: "INC-77" });
      expect(d).toMatchObject({ action: "deallocate", option: "requeue", results: [{ outcome: "accepted", requestId: expect.stringMatching(UUID) }] });
      expect(await calls(env, `POST /pools/power/nodes/${target}/deallocate`)).toBe(1);
      const t = await env.sdk.task.get(pool.jobId, pool.taskOn.get(target)!);
      expect([t.state, t.executionInfo?.requeueCount]).toEqual(["active", 1]);
      await waitFor(
        env.emu,
        () => env.sdk.computeNode.get("power", target),
        (n) => (n.state as string) === "deallocated",
        { stepMs: 10_000 },
      );

      expect(await preview()).toMatchObject({
        start: { allowed: true },
        deallocate: { allowed: false, reason: "The node is already deallocated." },
        reboot: { allowed: false, reason: expect.stringMatching(/deallocated.*start it first/) },
      });
      const s = await actOk(env, "power", { action: "start", nodeIds: [target] });
      expect(s).toMatchObject({ action: "start", results: [{ outcome: "accepted" }] });
      expect(s.option).toBeUndefined();
      expect((await env.sdk.computeNode.get("power", target)).state).toBe("starting");
      const withOption = await postAction(env, "power", { action: "start", option: "requeue", nodeIds: [target] });
      expect([withOption.status, withOption.text.includes("option: start takes no option")]).toEqual([400, true]);

      const audit = await callOk(handlers.auditGET, `/api/accounts/${a()}/audit?node=${target}`, { account: a() }, auditListResponse);
      expect(audit.records.map((r) => [r.action, r.option, r.outcome])).toEqual([
        ["start", undefined, "accepted"],
        ["deallocate", "requeue", "accepted"],
      ]);
      const filtered = await callOk(handlers.auditGET, `/api/accounts/${a()}/audit?action=deallocate`, { account: a() }, auditListResponse);
      expect(filtered.records.map((r) => r.nodeId)).toEqual([target]);
    },
  );
});
