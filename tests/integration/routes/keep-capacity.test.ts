import { describe, expect, it } from "vitest";
import { auditListResponse } from "@/lib/schemas/audit";
import type { ActionResponse } from "@/lib/schemas/remediation";
import { actOk, postAction, readyPool } from "./remediation-support";
import { handlers } from "./route-table";
import { callOk, emulatorPerSuite } from "./support";

// Batch lowers a pool's target by each node removeNodes removes; keep capacity resizes it back once steady.
const env = emulatorPerSuite({ scenario: "empty", account: "keep-capacity" });

/** Runs an action whose server side waits for the pool, moving simulated time until it answers. */
async function withTimeMoving(run: Promise<ActionResponse>): Promise<ActionResponse> {
  let done = false;
  void run.finally(() => (done = true)).catch(() => undefined);
  while (!done) {
    env.emu.advance(10_000);
    await new Promise((r) => setTimeout(r, 100));
  }
  return run;
}

const records = async (poolId: string) =>
  (await callOk(handlers.auditGET, `/api/accounts/${env.account}/audit?pool=${poolId}`, { account: env.account }, auditListResponse)).records;

describe("removal and the pool's size", () => {
  it("without keep capacity the target drops by the nodes removed, and stays there", async () => {
    const nodes = await readyPool(env, "shrinks", 4);
    const r = await actOk(env, "shrinks", { action: "remove", nodeIds: nodes.slice(0, 2), confirm: "2" });
    expect(r.resize).toBeUndefined();
    expect((await env.sdk.pool.get("shrinks")).targetDedicatedNodes).toBe(2);
  });

  it("with keep capacity the pool is resized back to its targets once steady, each step an audit record of one operation", async () => {
    const nodes = await readyPool(env, "keeps", 4);
    const body = { action: "remove" as const, nodeIds: nodes.slice(0, 3), confirm: "3", keepCapacity: true };
    const r = await withTimeMoving(actOk(env, "keeps", body));
    expect(r.results.map((x) => x.outcome)).toEqual(["accepted", "accepted", "accepted"]);
    expect(r.resize).toMatchObject({ outcome: "accepted", before: { dedicated: 4, lowPriority: 0 }, to: { dedicated: 4, lowPriority: 0 } });
    expect((await env.sdk.pool.get("keeps")).targetDedicatedNodes).toBe(4);

    const recs = (await records("keeps")).filter((x) => x.operationId === r.operationId);
    expect(recs.filter((x) => x.action === "remove")).toHaveLength(3);
    for (const x of recs.filter((x) => x.action === "remove")) expect(x).toMatchObject({ keepCapacity: true, targetsBefore: { dedicated: 4, lowPriority: 0 } });
    const resize = recs.find((x) => x.action === "resizePool");
    expect(resize).toMatchObject({ nodeId: "", outcome: "accepted", resizeTo: { dedicated: 4, lowPriority: 0 }, reason: "bad node during the incident" });
    expect(resize?.requestId).toBeTruthy();

    // A retry of the operation answers from its records: nothing is removed or resized twice.
    const again = await actOk(env, "keeps", { ...body, operationId: r.operationId });
    expect(again.resize?.recordId).toBe(r.resize?.recordId);
    expect((await records("keeps")).filter((x) => x.operationId === r.operationId)).toHaveLength(4);
  });

  it("keep capacity is refused on any action other than a removal", async () => {
    const nodes = await readyPool(env, "reboots", 1);
    const res = await postAction(env, "reboots", { action: "reboot", nodeIds: nodes, keepCapacity: true });
    expect(res.status).toBe(400);
    expect(res.text).toContain("keepCapacity");
  });
});
