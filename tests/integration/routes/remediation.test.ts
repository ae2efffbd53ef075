import { describe, expect, it } from "vitest";
import { auditListResponse, auditRecordResponse } from "@/lib/schemas/audit";
import { nodeDetailResponse } from "@/lib/schemas/nodes";
import { handlers } from "./route-table";
import { readApiVersion } from "@/lib/batch/account-config";
import { actOk, busyPool, calls, postAction, readyPool, UUID, waitFor } from "./remediation-support";
import { callOk, emulatorPerSuite } from "./support";
import { expectNodeSnapshot } from "./node-snapshot-check";

// Each action and option against the emulator's semantics (Batch's documented node operations), read back through the SDK, and the
// audit records they leave. Simulated time stands still unless a test advances it.
const env = emulatorPerSuite({ scenario: "empty", account: "remed" });
const MODERN = readApiVersion() === "2025-06-01";
const a = () => env.account;
const task = (jobId: string, taskId: string) => env.sdk.task.get(jobId, taskId);
const node = (poolId: string, nodeId: string) => env.sdk.computeNode.get(poolId, nodeId);

describe("disable scheduling: requeue", () => {
  it("requeue: the running task goes back to the queue (requeueCount +1), the node goes offline, and the record has reason, ticket and request id", async () => {
    const pool = await busyPool(env, "dis-requeue", 2);
    const target = pool.nodes[0]!;
    const taskId = pool.taskOn.get(target)!;
    // Read the node through the dashboard first, so a stale cached answer would show after the action.
    await callOk(
      handlers.nodeGET,
      `/api/accounts/${a()}/pools/dis-requeue/nodes/${target}`,
      { account: a(), poolId: "dis-requeue", nodeId: target },
      nodeDetailResponse,
    );
    await env.resetStats();

    const res = await actOk(env, "dis-requeue", { action: "disableScheduling", option: "requeue", nodeIds: [target], ticket: "INC-1234" });
    expect(res.results).toHaveLength(1);
    const [r] = res.results;
    expect(r).toMatchObject({ nodeId: target, outcome: "accepted", requestId: expect.stringMatching(UUID), recordId: expect.stringMatching(UUID) });
    expect(await calls(env, `POST /pools/dis-requeue/nodes/${target}/disablescheduling`)).toBe(1);

    const t = await task(pool.jobId, taskId);
    expect(t.state).toBe("active");
    expect(t.executionInfo?.requeueCount).toBe(1);
    expect(await node("dis-requeue", target)).toMatchObject({ schedulingState: "disabled", state: "offline" });
    // The other node's task is untouched.
    const other = pool.nodes[1]!;
    expect((await task(pool.jobId, pool.taskOn.get(other)!)).executionInfo?.requeueCount ?? 0).toBe(0);

    const after = await callOk(
      handlers.nodeGET,
      `/api/accounts/${a()}/pools/dis-requeue/nodes/${target}`,
      { account: a(), poolId: "dis-requeue", nodeId: target },
      nodeDetailResponse,
    );
    expect(after.node.schedulingState).toBe("disabled");

    const list = await callOk(handlers.auditGET, `/api/accounts/${a()}/audit?node=${target}`, { account: a() }, auditListResponse);
    expect(list.records).toHaveLength(1);
    expect(list.records[0]).toMatchObject({
      id: r!.recordId,
      operationId: res.operationId,
      actor: "local-operator",
      role: "operator",
      account: a(),
      poolId: "dis-requeue",
      nodeId: target,
      action: "disableScheduling",
      option: "requeue",
      reason: "bad node during the incident",
      ticket: "INC-1234",
      requestId: r!.requestId,
      outcome: "accepted",
      hasEvidence: false,
    });
  });
});

describe("disable scheduling: terminate and taskcompletion", () => {
  it("terminate: the running task completes with a failure saying it was terminated, and will not run again", async () => {
    const pool = await busyPool(env, "dis-term", 1);
    const target = pool.nodes[0]!;
    await actOk(env, "dis-term", { action: "disableScheduling", option: "terminate", nodeIds: [target] });
    const t = await task(pool.jobId, pool.taskOn.get(target)!);
    expect(t.state).toBe("completed");
    expect(t.executionInfo?.failureInfo?.code).toBe("TaskEnded");
    expect(t.executionInfo?.requeueCount ?? 0).toBe(0);
    expect(await node("dis-term", target)).toMatchObject({ schedulingState: "disabled", state: "offline" });
  });

  it("taskcompletion: the node keeps running its task until it finishes, then goes offline", async () => {
    const pool = await busyPool(env, "dis-tc", 1);
    const target = pool.nodes[0]!;
    await actOk(env, "dis-tc", { action: "disableScheduling", option: "taskcompletion", nodeIds: [target] });
    expect(await node("dis-tc", target)).toMatchObject({ schedulingState: "disabled", state: "running" });
    expect((await task(pool.jobId, pool.taskOn.get(target)!)).state).toBe("running");
    const done = await waitFor(
      env.emu,
      () => task(pool.jobId, pool.taskOn.get(target)!),
      (t) => t.state === "completed",
      { stepMs: 600_000, maxMs: 2 * 3_600_000 },
    );
    expect(done.executionInfo?.result).toBe("success");
    expect((await node("dis-tc", target)).state).toBe("offline");
  });
});

describe("reboot", () => {
  it("requeue: the task is requeued and the node reboots", async () => {
    const pool = await busyPool(env, "rb-requeue", 1);
    const target = pool.nodes[0]!;
    const res = await actOk(env, "rb-requeue", { action: "reboot", option: "requeue", nodeIds: [target] });
    expect(res.results[0]).toMatchObject({ outcome: "accepted", requestId: expect.stringMatching(UUID) });
    const t = await task(pool.jobId, pool.taskOn.get(target)!);
    expect([t.state, t.executionInfo?.requeueCount]).toEqual(["active", 1]);
    expect((await node("rb-requeue", target)).state).toBe("rebooting");
  });

  it("terminate: the task completes as terminated and the node reboots", async () => {
    const pool = await busyPool(env, "rb-term", 1);
    const target = pool.nodes[0]!;
    await actOk(env, "rb-term", { action: "reboot", option: "terminate", nodeIds: [target] });
    const t = await task(pool.jobId, pool.taskOn.get(target)!);
    expect([t.state, t.executionInfo?.failureInfo?.code]).toEqual(["completed", "TaskEnded"]);
    expect((await node("rb-term", target)).state).toBe("rebooting");
  });

  it("taskcompletion: the node runs its task to the end, then reboots", async () => {
    const pool = await busyPool(env, "rb-tc", 1);
    const target = pool.nodes[0]!;
    const bootBefore = (await node("rb-tc", target)).lastBootTime!.getTime();
    await actOk(env, "rb-tc", { action: "reboot", option: "taskcompletion", nodeIds: [target] });
    expect((await node("rb-tc", target)).state).toBe("running");
    const done = await waitFor(
      env.emu,
      () => task(pool.jobId, pool.taskOn.get(target)!),
      (t) => t.state === "completed",
      { stepMs: 600_000, maxMs: 2 * 3_600_000 },
    );
    expect(done.executionInfo?.result).toBe("success");
    const rebooted = await waitFor(
      env.emu,
      () => node("rb-tc", target),
      (n) => (n.lastBootTime?.getTime() ?? 0) > bootBefore,
      { stepMs: 30_000 },
    );
    expect(rebooted.state).toBe("idle");
  });

  it("a node that is already rebooting: 409 NodeBeingRebooted, in plain words, recorded as failed", async () => {
    const [target] = await readyPool(env, "rb-twice", 1);
    await actOk(env, "rb-twice", { action: "reboot", nodeIds: [target!] });
    const res = await actOk(env, "rb-twice", { action: "reboot", nodeIds: [target!] });
    expect(res.results[0]).toMatchObject({
      outcome: "failed",
      error: { kind: "conflict", status: 409, code: "NodeBeingRebooted", requestId: expect.stringMatching(UUID) },
      explanation: expect.stringMatching(/already rebooting/),
    });
    const rec = await callOk(
      handlers.auditRecordGET,
      `/api/accounts/${a()}/audit/${res.results[0]!.recordId}`,
      { account: a(), recordId: res.results[0]!.recordId },
      auditRecordResponse,
    );
    expect(rec.record).toMatchObject({ outcome: "failed", error: { code: "NodeBeingRebooted" }, requestId: res.results[0]!.error!.requestId });
  });
});

describe("409s in plain words", () => {
  it("reimage on a virtual-machine pool: sent on 2025-06-01; refused before any Batch call on 2022-10-01.16.0, saying why", async () => {
    const [target] = await readyPool(env, "vm-reimage", 1);
    if (MODERN) {
      const res = await actOk(env, "vm-reimage", { action: "reimage", nodeIds: [target!], confirm: target });
      expect(res.results[0]).toMatchObject({ outcome: "accepted", requestId: expect.stringMatching(UUID) });
      expect((await node("vm-reimage", target!)).state).toBe("reimaging");
      return;
    }
    await env.resetStats();
    const r = await postAction(env, "vm-reimage", { action: "reimage", nodeIds: [target!], confirm: target });
    expect(r.status).toBe(400);
    expect(r.text).toMatch(/action: Batch reimages nodes of virtual-machine pools only from API 2025-06-01 on; this dashboard speaks 2022-10-01\.16\.0/);
    expect(await calls(env, "POST /pools/vm-reimage/nodes/")).toBe(0);
    expect((await node("vm-reimage", target!)).state).toBe("idle");
  });

  it("enable on an enabled node: NodeAlreadyInTargetSchedulingState, explained", async () => {
    const [target] = await readyPool(env, "en-enabled", 1);
    const res = await actOk(env, "en-enabled", { action: "enableScheduling", nodeIds: [target!] });
    expect(res.results[0]).toMatchObject({
      outcome: "failed",
      error: { code: "NodeAlreadyInTargetSchedulingState" },
      explanation: expect.stringMatching(/already enabled/),
    });
  });

  it("remove while the pool is resizing: PoolBeingResized, explained; the node stays", async () => {
    const ids = await readyPool(env, "rm-resizing", 2);
    await env.sdk.pool.resize("rm-resizing", { targetDedicatedNodes: 3 });
    const res = await actOk(env, "rm-resizing", { action: "remove", nodeIds: [ids[0]!], confirm: ids[0] });
    expect(res.results[0]).toMatchObject({ outcome: "failed", error: { code: "PoolBeingResized" }, explanation: expect.stringMatching(/resizing.*steady/) });
    expect((await node("rm-resizing", ids[0]!)).state).toBe("idle");
  });
});

describe("enable scheduling", () => {
  it("brings a disabled, offline node back to idle", async () => {
    const [target] = await readyPool(env, "en-back", 1);
    await env.sdk.computeNode.disableScheduling("en-back", target!);
    expect((await node("en-back", target!)).state).toBe("offline");
    const res = await actOk(env, "en-back", { action: "enableScheduling", nodeIds: [target!] });
    expect(res.results[0]!.outcome).toBe("accepted");
    expect(res.option).toBeUndefined();
    expect(await node("en-back", target!)).toMatchObject({ schedulingState: "enabled", state: "idle" });
  });
});

/** A one-node pool whose node has a failed task (with stderr) and a long task running. */
async function nodeWithEvidence(poolId: string, extra = {}, os: "linux" | "windows" = "linux") {
  const [nodeId] = await readyPool(env, poolId, 1, extra);
  const jobId = `${poolId}-job`;
  await env.sdk.job.add({ id: jobId, poolInfo: { poolId } });
  const fails = os === "linux" ? "/bin/sh -c 'echo the scratch disk is full >&2; exit 3'" : 'cmd /c "echo the scratch disk is full>&2&& exit /b 3"';
  await env.sdk.task.add(jobId, { id: "fails", commandLine: fails });
  await waitFor(
    env.emu,
    () => task(jobId, "fails"),
    (t) => t.state === "completed",
    { stepMs: 1_000 },
  );
  await env.sdk.task.add(jobId, { id: "long", commandLine: os === "linux" ? "/bin/sh -c 'sleep 3600'" : "cmd /c timeout /t 3600" });
  await waitFor(
    env.emu,
    () => task(jobId, "long"),
    (t) => t.state === "running",
    { stepMs: 1_000 },
  );
  return { nodeId: nodeId!, jobId };
}

describe("remove from pool", () => {
  it("captures the evidence first; the node leaves, its task is requeued, and the record still shows the evidence after the node is gone", async () => {
    const { nodeId, jobId } = await nodeWithEvidence("rm-ev");
    const res = await actOk(env, "rm-ev", { action: "remove", option: "requeue", nodeIds: [nodeId], confirm: nodeId, reason: "disk full, replacing" });
    expect(res.results[0]).toMatchObject({ outcome: "accepted", requestId: expect.stringMatching(UUID) });
    expect((await node("rm-ev", nodeId)).state).toBe("leavingpool");
    const t = await task(jobId, "long");
    expect([t.state, t.executionInfo?.requeueCount]).toEqual(["active", 1]);

    await waitFor(
      env.emu,
      () => env.sdk.computeNode.list("rm-ev"),
      (l) => l.length === 0,
      { stepMs: 10_000 },
    );
    const gone = await node("rm-ev", nodeId).catch((e: { statusCode?: number }) => e.statusCode);
    expect(gone).toBe(404);

    const rec = await callOk(
      handlers.auditRecordGET,
      `/api/accounts/${a()}/audit/${res.results[0]!.recordId}`,
      { account: a(), recordId: res.results[0]!.recordId },
      auditRecordResponse,
    );
    expect(rec.record).toMatchObject({ action: "remove", option: "requeue", reason: "disk full, replacing", hasEvidence: true, outcome: "accepted" });
    expect(rec.evidence!.stderr).toEqual([expect.objectContaining({ jobId, taskId: "fails", text: expect.stringContaining("the scratch disk is full") })]);
    const evNode = rec.evidence!.node as { id: string; recentTasks: { taskId: string; state: string }[] };
    expect(evNode.id).toBe(nodeId);
    expect(evNode.recentTasks.map((r) => r.taskId)).toEqual(expect.arrayContaining(["fails", "long"]));
    await expectNodeSnapshot(a(), rec.record.snapshotId, { poolId: "rm-ev", nodeId, jobId, note: "Taken before removal: disk full, replacing" });
    // The task's own file is gone with the node; only the record keeps it.
    const file = await env.sdk.file.getPropertiesFromTask(jobId, "fails", "stderr.txt").catch((e: { statusCode?: number }) => e.statusCode);
    expect(file).not.toBeUndefined();
    expect(typeof file === "number" ? file : 200).not.toBe(200);
  });

  it("terminate: the running task completes as terminated", async () => {
    const pool = await busyPool(env, "rm-term", 2);
    const target = pool.nodes[0]!;
    await actOk(env, "rm-term", { action: "remove", option: "terminate", nodeIds: [target], confirm: target });
    const t = await task(pool.jobId, pool.taskOn.get(target)!);
    expect([t.state, t.executionInfo?.failureInfo?.code]).toEqual(["completed", "TaskEnded"]);
  });
});

describe("reimage", () => {
  it("on a cloud-service pool: evidence captured, the task requeued, the node reimaged", async () => {
    const { nodeId, jobId } = await nodeWithEvidence(
      "cs-reimage",
      { virtualMachineConfiguration: undefined, cloudServiceConfiguration: { osFamily: "6" } },
      "windows",
    );
    const res = await actOk(env, "cs-reimage", { action: "reimage", nodeIds: [nodeId], confirm: nodeId });
    expect(res).toMatchObject({ option: "requeue", results: [{ outcome: "accepted" }] });
    expect((await node("cs-reimage", nodeId)).state).toBe("reimaging");
    expect((await task(jobId, "long")).executionInfo?.requeueCount).toBe(1);
    const rec = await callOk(
      handlers.auditRecordGET,
      `/api/accounts/${a()}/audit/${res.results[0]!.recordId}`,
      { account: a(), recordId: res.results[0]!.recordId },
      auditRecordResponse,
    );
    expect(rec.evidence!.stderr[0]!.text).toContain("the scratch disk is full");
  });
});
