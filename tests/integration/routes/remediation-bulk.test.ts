import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/audit/open";
import { auditListResponse, auditRecordResponse } from "@/lib/schemas/audit";
import { handlers } from "./route-table";
import { actOk, busyPool, calls, postAction, readyPool, UUID, waitFor } from "./remediation-support";
import { callOk, emulatorPerSuite } from "./support";

// Bulk actions, partial failures, and the promise that a retry or a double click never acts twice.
const env = emulatorPerSuite({ scenario: "empty", account: "bulk" });
const a = () => env.account;
const record = (id: string) => callOk(handlers.auditRecordGET, `/api/accounts/${a()}/audit/${id}`, { account: a(), recordId: id }, auditRecordResponse);
afterEach(async () => {
  await env.control("DELETE", "/faults");
});

describe("removal of more than 100 nodes", () => {
  it("goes 100 ids per call, waiting for the pool to be steady between calls; every node is reported and recorded", async () => {
    const ids = await readyPool(env, "big", 150);
    await env.resetStats();
    const pending = actOk(env, "big", { action: "remove", nodeIds: ids, confirm: "150" });
    let settled = false;
    void pending.finally(() => (settled = true));
    // Simulated time stands still: once the first batch is in, move it past the pool's resize so the
    // route's wait for a steady pool can end and the second batch go.
    while (!settled) {
      if ((await calls(env, "POST /pools/big/removenodes")) >= 1) env.emu.advance(70_000);
      await new Promise((r) => setTimeout(r, 100));
    }
    const res = await pending;
    expect(await calls(env, "POST /pools/big/removenodes")).toBe(2);
    expect(res.results.map((r) => r.nodeId)).toEqual(ids);
    expect(res.results.every((r) => r.outcome === "accepted")).toBe(true);
    const first = res.results[0]!.requestId;
    const second = res.results[100]!.requestId;
    expect(first).toMatch(UUID);
    expect(second).toMatch(UUID);
    expect(second).not.toBe(first);
    expect(new Set(res.results.slice(0, 100).map((r) => r.requestId))).toEqual(new Set([first]));
    expect(new Set(res.results.slice(100).map((r) => r.requestId))).toEqual(new Set([second]));

    await waitFor(
      env.emu,
      () => env.sdk.computeNode.list("big"),
      (l) => l.length === 0,
      { stepMs: 30_000 },
    );
    const audit = await callOk(handlers.auditGET, `/api/accounts/${a()}/audit?pool=big&limit=500`, { account: a() }, auditListResponse);
    expect(audit.records).toHaveLength(150);
    expect(audit.records.every((r) => r.outcome === "accepted" && r.hasEvidence && r.action === "remove")).toBe(true);
  });
});

describe("partial failure", () => {
  it("says which nodes failed and why, and acts on the others", async () => {
    const [n0, n1] = await readyPool(env, "partial", 2);
    await env.sdk.computeNode.disableScheduling("partial", n1!);
    const res = await actOk(env, "partial", { action: "disableScheduling", nodeIds: [n0!, n1!, "tvm-missing"] });
    expect(res.results.map((r) => [r.nodeId, r.outcome, r.error?.code])).toEqual([
      [n0, "accepted", undefined],
      [n1, "failed", "NodeAlreadyInTargetSchedulingState"],
      ["tvm-missing", "failed", "NodeNotFound"],
    ]);
    expect(res.results[1]!.explanation).toMatch(/already disabled/);
    expect(res.results[2]!.explanation).toMatch(/no longer in the pool/);
    expect((await env.sdk.computeNode.get("partial", n0!)).schedulingState).toBe("disabled");
  });

  it("removal skips a node that is already gone and removes the rest in one call", async () => {
    const [n0, n1] = await readyPool(env, "partial-rm", 2);
    await env.resetStats();
    const res = await actOk(env, "partial-rm", { action: "remove", nodeIds: [n0!, "tvm-gone"], confirm: "2" });
    expect(res.results.map((r) => [r.nodeId, r.outcome])).toEqual([
      [n0, "accepted"],
      ["tvm-gone", "skipped"],
    ]);
    expect(res.results[1]!.explanation).toMatch(/no longer in the pool/);
    expect(await calls(env, "POST /pools/partial-rm/removenodes")).toBe(1);
    expect((await env.sdk.computeNode.get("partial-rm", n0!)).state).toBe("leavingpool");
    expect((await env.sdk.computeNode.get("partial-rm", n1!)).state).toBe("idle");
  });
});

describe("idempotency", () => {
  it("a retry of the same operation returns the stored results and sends nothing", async () => {
    const [n0] = await readyPool(env, "retry", 1);
    const body = { operationId: randomUUID(), action: "disableScheduling" as const, nodeIds: [n0!] };
    await env.resetStats();
    const first = await actOk(env, "retry", body);
    const again = await actOk(env, "retry", body);
    expect(again).toEqual(first);
    expect(await calls(env, `POST /pools/retry/nodes/${n0}/disablescheduling`)).toBe(1);
  });

  it("a double click (two identical requests at once) sends the action once", async () => {
    const [n0] = await readyPool(env, "double", 1);
    const body = { operationId: randomUUID(), action: "reboot" as const, nodeIds: [n0!] };
    await env.resetStats();
    const [x, y] = await Promise.all([actOk(env, "double", body), actOk(env, "double", body)]);
    expect(await calls(env, `POST /pools/double/nodes/${n0}/reboot`)).toBe(1);
    expect(x.results[0]!.recordId).toBe(y.results[0]!.recordId);
    expect([x.results[0]!.outcome, y.results[0]!.outcome]).toEqual(["accepted", "accepted"]);
    const list = await callOk(handlers.auditGET, `/api/accounts/${a()}/audit?node=${n0}`, { account: a() }, auditListResponse);
    expect(list.records).toHaveLength(1);
  });

  it("an operationId used for another action is refused with 409", async () => {
    const [n0] = await readyPool(env, "reuse", 1);
    const operationId = randomUUID();
    await actOk(env, "reuse", { operationId, action: "disableScheduling", nodeIds: [n0!] });
    const r = await postAction(env, "reuse", { operationId, action: "enableScheduling", nodeIds: [n0!] });
    expect(r.status).toBe(409);
    expect(r.json).toMatchObject({ error: { kind: "conflict", code: "OperationIdReused" } });
  });
});

/** An intent record with no outcome: what a server that stopped (or lost its connection) mid-call leaves behind. */
const intentFor = (operationId: string, poolId: string, nodeId: string, action: "disableScheduling" | "reboot" | "remove") =>
  auditLog().appendIntent({
    operationId,
    actor: "local-operator",
    role: "operator",
    account: a(),
    poolId,
    nodeId,
    action,
    option: "requeue",
    reason: "bad node during the incident",
  });

describe("an outcome left unknown (the server stopped, or the connection dropped, mid-call): the effect already shows", () => {
  it("when the node shows the effect, the retry records alreadyDone and sends nothing", async () => {
    const [n0, n1] = await readyPool(env, "unknown-done", 2);
    const disableOp = randomUUID();
    const disableRec = await intentFor(disableOp, "unknown-done", n0!, "disableScheduling");
    await env.sdk.computeNode.disableScheduling("unknown-done", n0!);
    const rebootOp = randomUUID();
    const rebootRec = await intentFor(rebootOp, "unknown-done", n1!, "reboot");
    await env.sdk.computeNode.reboot("unknown-done", n1!);
    expect((await record(disableRec)).record.outcome).toBe("unknown");
    await env.resetStats();

    const d = await actOk(env, "unknown-done", { operationId: disableOp, action: "disableScheduling", option: "requeue", nodeIds: [n0!] });
    expect(d.results[0]).toMatchObject({ outcome: "alreadyDone", recordId: disableRec });
    const rb = await actOk(env, "unknown-done", { operationId: rebootOp, action: "reboot", option: "requeue", nodeIds: [n1!] });
    expect(rb.results[0]).toMatchObject({ outcome: "alreadyDone", recordId: rebootRec });
    expect(await calls(env, "POST /pools/unknown-done/nodes/")).toBe(0);
    expect((await record(disableRec)).record.outcome).toBe("alreadyDone");
  });

  it("a reboot that has already finished (the node booted after the intent) is not sent again", async () => {
    const [n0] = await readyPool(env, "unknown-booted", 1);
    const op = randomUUID();
    const rec = await intentFor(op, "unknown-booted", n0!, "reboot");
    await env.sdk.computeNode.reboot("unknown-booted", n0!);
    await waitFor(
      env.emu,
      () => env.sdk.computeNode.get("unknown-booted", n0!),
      (n) => n.state === "idle",
      { stepMs: 10_000 },
    );
    await env.resetStats();
    const res = await actOk(env, "unknown-booted", { operationId: op, action: "reboot", option: "requeue", nodeIds: [n0!] });
    expect(res.results[0]).toMatchObject({ outcome: "alreadyDone", recordId: rec });
    expect(await calls(env, "POST /pools/unknown-booted/nodes/")).toBe(0);
  });
});

describe("an outcome left unknown: a removal pending or done, and a dropped connection", () => {
  it("a removal that may be waiting for its tasks (pool resizing, node unchanged) is not sent again, and stays unknown", async () => {
    const { nodes } = await busyPool(env, "unknown-wait", 1);
    const n0 = nodes[0]!;
    const op = randomUUID();
    const rec = await intentFor(op, "unknown-wait", n0, "remove");
    await env.sdk.pool.removeNodes("unknown-wait", { nodeList: [n0], nodeDeallocationOption: "taskcompletion" });
    expect((await env.sdk.computeNode.get("unknown-wait", n0)).state).toBe("running");
    await env.resetStats();
    const res = await actOk(env, "unknown-wait", { operationId: op, action: "remove", option: "taskcompletion", nodeIds: [n0], confirm: n0 });
    expect(res.results[0]).toMatchObject({
      outcome: "failed",
      recordId: rec,
      error: { code: "PoolBeingResized" },
      explanation: expect.stringMatching(/never removed twice/),
    });
    expect(await calls(env, "POST /pools/unknown-wait/removenodes")).toBe(0);
    expect((await record(rec)).record.outcome).toBe("unknown");
  });

  it("when a node to remove is already gone, the retry records alreadyDone", async () => {
    const [n0] = await readyPool(env, "unknown-rm", 1);
    const op = randomUUID();
    const rec = await intentFor(op, "unknown-rm", n0!, "remove");
    await env.sdk.pool.removeNodes("unknown-rm", { nodeList: [n0!] });
    await waitFor(
      env.emu,
      () => env.sdk.computeNode.list("unknown-rm"),
      (l) => l.length === 0,
      { stepMs: 10_000 },
    );
    await env.resetStats();
    const res = await actOk(env, "unknown-rm", { operationId: op, action: "remove", option: "requeue", nodeIds: [n0!], confirm: n0 });
    expect(res.results[0]).toMatchObject({ outcome: "alreadyDone", recordId: rec });
    expect(await calls(env, "POST /pools/unknown-rm/removenodes")).toBe(0);
  });

  it("a dropped connection leaves the record unknown; the retry re-reads the node, finds nothing done, and sends once", async () => {
    const [n0] = await readyPool(env, "dropped", 1);
    const body = { operationId: randomUUID(), action: "disableScheduling" as const, nodeIds: [n0!] };
    await env.control("PUT", "/faults", { dropRate: 1, pathPrefix: `/pools/dropped/nodes/${n0}/disablescheduling` });
    const first = await actOk(env, "dropped", body);
    expect(first.results[0]).toMatchObject({
      outcome: "failed",
      error: { kind: "network" },
      explanation: expect.stringMatching(/may or may not have reached Batch/),
    });
    expect((await record(first.results[0]!.recordId)).record.outcome).toBe("unknown");

    await env.control("DELETE", "/faults");
    await env.resetStats();
    const retry = await actOk(env, "dropped", body);
    expect(retry.results[0]).toMatchObject({ outcome: "accepted", recordId: first.results[0]!.recordId, requestId: expect.stringMatching(UUID) });
    expect(await calls(env, `POST /pools/dropped/nodes/${n0}/disablescheduling`)).toBe(1);
    expect(await calls(env, `GET /pools/dropped/nodes/${n0}`)).toBe(1);
    expect((await record(first.results[0]!.recordId)).record.outcome).toBe("accepted");
    expect((await env.sdk.computeNode.get("dropped", n0!)).schedulingState).toBe("disabled");
  });
});
