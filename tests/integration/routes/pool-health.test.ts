import { describe, expect, it } from "vitest";
import { GET as poolHealthGET } from "@/app/api/accounts/[account]/pools/[poolId]/health/route";
import { paths } from "@/lib/links/paths";
import { poolHealthResponse } from "@/lib/schemas/health";
import { all, call, callOk, emulatorPerSuite } from "./support";

// The incident scenario: prod-ingest is healthy as a pool (its trouble is in tasks), gpu-burst failed to grow.
const env = emulatorPerSuite({ scenario: "incident", account: "health" });
const a = () => env.account;
const health = (poolId: string) => callOk(poolHealthGET, `/api/accounts/${a()}/pools/${poolId}/health`, { account: a(), poolId }, poolHealthResponse);

describe("GET /api/accounts/[account]/pools/[poolId]/health", () => {
  it("matches what the SDK reads for a pool that failed to grow", async () => {
    const body = await health("gpu-burst");
    const [pool, nodes] = await Promise.all([
      env.sdk.pool.get("gpu-burst"),
      all(env.sdk.computeNode.list("gpu-burst"), (l) => env.sdk.computeNode.listNext(l)),
    ]);
    const h = body.health;
    expect(h.hasSomething).toBe(true);
    expect(h.allocation).toMatchObject({
      state: pool.allocationState,
      dedicated: { current: pool.currentDedicatedNodes, target: pool.targetDedicatedNodes },
      lowPriority: { current: pool.currentLowPriorityNodes, target: pool.targetLowPriorityNodes },
      shortOfTarget: true,
    });
    expect(h.resizeErrors.map((e) => [e.code, e.message])).toEqual(pool.resizeErrors!.map((e) => [e.code, e.message]));

    for (const group of h.nodeStates) {
      const expected = nodes
        .filter((n) => n.state === group.state)
        .map((n) => n.id!)
        .sort();
      expect(
        group.nodes.map((n) => n.id),
        group.state,
      ).toEqual(expected);
      expect(group.count).toBe(expected.length);
    }
    expect(h.nodeStates.map((g) => g.state).sort()).toEqual(
      [...new Set(nodes.map((n) => n.state!).filter((s) => ["starttaskfailed", "unusable", "unknown", "preempted"].includes(s)))].sort(),
    );

    const failedStarts = nodes.filter((n) => n.startTaskInfo?.result === "failure");
    expect(h.startTaskFailures.reduce((s, g) => s + g.count, 0)).toBe(failedStarts.length);
    for (const g of h.startTaskFailures) {
      const expected = failedStarts
        .filter((n) => n.startTaskInfo?.exitCode === g.exitCode && n.startTaskInfo?.failureInfo?.code === g.code)
        .map((n) => n.id!)
        .sort();
      expect(g.nodes.map((n) => n.id)).toEqual(expected);
      for (const n of g.nodes) expect(n.stderrHref).toBe(paths.nodeFile(a(), "gpu-burst", n.id, "startup/stderr.txt"));
    }

    const codes = new Set(nodes.flatMap((n) => (n.errors ?? []).map((e) => e.code!)));
    expect(new Set(h.nodeErrors.map((g) => g.code))).toEqual(codes);
    for (const g of h.nodeErrors) {
      expect(g.nodes.map((n) => n.id)).toEqual(
        nodes
          .filter((n) => n.errors?.some((e) => e.code === g.code))
          .map((n) => n.id!)
          .sort(),
      );
    }
  });

  it("has nothing to show for prod-ingest, whose nodes are all up and at target", async () => {
    const body = await health("prod-ingest");
    expect(body.health.hasSomething).toBe(false);
    expect(body.health.allocation).toMatchObject({ dedicated: { current: 100, target: 100 }, shortOfTarget: false });
  });

  it("answers 404 PoolNotFound for a pool that does not exist and 400 for a bad pool id", async () => {
    const missing = await call(poolHealthGET, `/api/accounts/${a()}/pools/nope/health`, { account: a(), poolId: "nope" });
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ error: { kind: "notFound", code: "PoolNotFound" } });
    const bad = await call(poolHealthGET, `/api/accounts/${a()}/pools/a%20b/health`, { account: a(), poolId: "a b" });
    expect(bad.status).toBe(400);
  });
});
