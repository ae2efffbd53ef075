import { describe, expect, it } from "vitest";
import { auditRecordResponse } from "@/lib/schemas/audit";
import { handlers } from "./route-table";
import { readApiVersion } from "@/lib/batch/account-config";
import { actOk, busyPool, CLOUD_SERVICE, UUID, waitFor, WINDOWS_LONG } from "./remediation-support";
import { call, callOk, emulatorPerSuite } from "./support";

// The action preview, and every action with every option against the emulator's semantics (Batch's documented node operations),
// read back through the SDK, with the audit record each leaves. Simulated time stands still unless a test advances it.
const env = emulatorPerSuite({ scenario: "empty", account: "remed-options" });
const MODERN = readApiVersion() === "2025-06-01";
const a = () => env.account;
const task = (jobId: string, taskId: string) => env.sdk.task.get(jobId, taskId);
const node = (poolId: string, nodeId: string) => env.sdk.computeNode.get(poolId, nodeId);

describe("GET …/actions/preview", () => {
  it("shows each node's state, its running tasks and which actions apply, and says a node is gone", async () => {
    const pool = await busyPool(env, "preview", 2);
    const [n0, n1] = pool.nodes;
    await env.sdk.computeNode.disableScheduling("preview", n1!, { nodeDisableSchedulingOption: "taskcompletion" });
    const r = await call(handlers.actionPreviewGET, `/api/accounts/${a()}/pools/preview/actions/preview?nodes=${n0},${n1},tvm-gone`, {
      account: a(),
      poolId: "preview",
    });
    expect(r.status, r.text).toBe(200);
    const p = (await import("@/lib/schemas/remediation")).previewResponse.parse(r.json);
    expect(p).toMatchObject({ poolId: "preview", allocationState: "steady", configuration: "virtualMachine", apiVersion: readApiVersion() });
    expect(p.nodes.map((n) => n.nodeId)).toEqual([n0, n1, "tvm-gone"]);
    expect(p.nodes[0]).toMatchObject({
      exists: true,
      state: "running",
      schedulingState: "enabled",
      runningTasks: [{ jobId: pool.jobId, taskId: pool.taskOn.get(n0!) }],
    });
    expect(p.nodes[0]!.actions).toMatchObject({ reboot: { allowed: true }, disableScheduling: { allowed: true }, enableScheduling: { allowed: false } });
    // What exists depends on the API version (docs/real-service.md "API versions").
    expect(p.nodes[0]!.actions).toMatchObject(
      MODERN
        ? {
            reimage: { allowed: true },
            deallocate: { allowed: true },
            start: { allowed: false, reason: "Only a deallocated node can be started; this one is running." },
          }
        : {
            reimage: { allowed: false, reason: expect.stringMatching(/only from API 2025-06-01 on/) },
            deallocate: { allowed: false, reason: expect.stringMatching(/^Deallocate exists from Batch API 2025-06-01 on/) },
            start: { allowed: false, reason: expect.stringMatching(/^Start exists from Batch API 2025-06-01 on/) },
          },
    );
    expect(p.nodes[1]!.actions).toMatchObject({
      disableScheduling: { allowed: false, reason: expect.stringMatching(/already disabled/) },
      enableScheduling: { allowed: true },
    });
    expect(p.nodes[2]).toMatchObject({ exists: false, runningTasks: [], actions: { reboot: { allowed: false } } });
  });

  it("refuses a bad node list with a 400 naming it", async () => {
    const r = await call(handlers.actionPreviewGET, `/api/accounts/${a()}/pools/preview/actions/preview?nodes=a%20b`, { account: a(), poolId: "preview" });
    expect(r.status).toBe(400);
    expect(r.text).toMatch(/nodes/);
  });
});

describe("every action and option, as Batch documents them", () => {
  const COMBOS = [
    ...(["requeue", "terminate", "taskcompletion", "retaineddata"] as const).flatMap((option) =>
      (["reboot", "reimage", "remove"] as const).map((action) => [action, option] as const),
    ),
    ...(["requeue", "terminate", "taskcompletion"] as const).map((option) => ["disableScheduling", option] as const),
  ];
  let n = 0;

  it.each(COMBOS)("%s with %s", async (action, option) => {
    const poolId = `combo-${++n}`;
    const cloud = action === "reimage";
    const pool = await busyPool(env, poolId, 1, cloud ? CLOUD_SERVICE : {}, cloud ? WINDOWS_LONG : undefined);
    const target = pool.nodes[0]!;
    const taskId = pool.taskOn.get(target)!;
    const bootBefore = (await node(poolId, target)).lastBootTime!.getTime();
    const destructive = action === "reimage" || action === "remove";
    const res = await actOk(env, poolId, { action, option, nodeIds: [target], ...(destructive ? { confirm: target } : {}) });
    expect(res.results[0], JSON.stringify(res.results[0])).toMatchObject({ outcome: "accepted", requestId: expect.stringMatching(UUID) });

    const t = await task(pool.jobId, taskId);
    if (option === "requeue") expect([t.state, t.executionInfo?.requeueCount]).toEqual(["active", 1]);
    if (option === "terminate") expect([t.state, t.executionInfo?.failureInfo?.code]).toEqual(["completed", "TaskEnded"]);
    if (option === "taskcompletion" || option === "retaineddata") {
      // The task runs on; the node does the action only when it ends.
      expect(t.state).toBe("running");
      expect((await node(poolId, target)).state).toBe("running");
      const done = await waitFor(
        env.emu,
        () => task(pool.jobId, taskId),
        (x) => x.state === "completed",
        { stepMs: 600_000, maxMs: 2 * 3_600_000 },
      );
      expect(done.executionInfo?.result).toBe("success");
    }
    // The action itself, once its tasks allow it.
    if (action === "remove")
      await waitFor(
        env.emu,
        () => env.sdk.computeNode.list(poolId),
        (l) => l.length === 0,
        { stepMs: 86_400_000, maxMs: 10 * 86_400_000 },
      );
    else if (action === "disableScheduling")
      expect(
        (
          await waitFor(
            env.emu,
            () => node(poolId, target),
            (x) => x.state === "offline",
            { stepMs: 60_000 },
          )
        ).schedulingState,
      ).toBe("disabled");
    else
      await waitFor(
        env.emu,
        () => node(poolId, target),
        (x) => (x.lastBootTime?.getTime() ?? 0) > bootBefore,
        { stepMs: 86_400_000, maxMs: 10 * 86_400_000 },
      );

    const rec = await callOk(
      handlers.auditRecordGET,
      `/api/accounts/${a()}/audit/${res.results[0]!.recordId}`,
      { account: a(), recordId: res.results[0]!.recordId },
      auditRecordResponse,
    );
    expect(rec.record).toMatchObject({ action, option, outcome: "accepted", requestId: res.results[0]!.requestId, hasEvidence: destructive });
  });
});
