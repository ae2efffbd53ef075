import { describe, expect, it } from "vitest";
import { auditListResponse, auditRecordResponse } from "@/lib/schemas/audit";
import { nodeDetailResponse } from "@/lib/schemas/nodes";
import { handlers } from "./route-table";
import { actOk, busyPool, calls, readyPool, UUID, waitFor } from "./remediation-support";
import { callOk, emulatorPerSuite } from "./support";

// Each action and option against the emulator's semantics (batch-api.md §5.1), read back through the SDK,
// and the audit records they leave. Simulated time stands still unless a test advances it.
const env = emulatorPerSuite({ scenario: "empty", account: "remed" });
const a = () => env.account;
const task = (jobId: string, taskId: string) => env.sdk.task.get(jobId, taskId);
const node = (poolId: string, nodeId: string) => env.sdk.computeNode.get(poolId, nodeId);

describe("disable scheduling", () => {
  it("requeue: the running task goes back to the queue (requeueCount +1), the node goes offline, and the record has reason, ticket and request id", async () => {
    const pool = await busyPool(env, "dis-requeue", 2);
    const target = pool.nodes[0]!;
    const taskId = pool.taskOn.get(target)!;
    // Read the node through the dashboard first, so a stale cached answer would show after the action.
    await callOk(handlers.nodeGET, `/api/accounts/${a()}/pools/dis-requeue/nodes/${target}`, { account: a(), poolId: "dis-requeue", nodeId: target }, nodeDetailResponse);
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

    const after = await callOk(handlers.nodeGET, `/api/accounts/${a()}/pools/dis-requeue/nodes/${target}`, { account: a(), poolId: "dis-requeue", nodeId: target }, nodeDetailResponse);
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
    const done = await waitFor(env.emu, () => task(pool.jobId, pool.taskOn.get(target)!), (t) => t.state === "completed", { stepMs: 600_000, maxMs: 2 * 3_600_000 });
    expect(done.executionInfo?.result).toBe("success");
    expect((await node("dis-tc", target)).state).toBe("offline");
  });
});
