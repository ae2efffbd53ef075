import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { everyRoute, type RouteCase, type RouteIds } from "./route-table";
import { call, emulatorPerSuite, pointDashboardAt, startTestEmulator, type RouteTestEnv } from "./support";

// Many people open the same incident link at once. Identical requests in flight share one set of Batch
// calls (single-flight) and the result is kept for a few seconds, so a burst of 50 costs what one costs.
const env = emulatorPerSuite({ scenario: "incident", account: "burst-incident" });
const BURST = 50;

// The same scenario and seed on a second emulator, under another account name (so nothing is cached for
// it): there, one request alone shows what a single view costs in Batch calls.
let solo: RouteTestEnv;
let ids: RouteIds;
let soloIds: RouteIds;
beforeAll(async () => {
  solo = await startTestEmulator({ scenario: "incident", account: "burst-solo" });
  const idsOf = async (e: RouteTestEnv): Promise<RouteIds> => {
    const nodes = await e.sdk.computeNode.list("prod-ingest");
    return {
      poolId: "prod-ingest",
      nodeId: nodes[17]!.id!,
      jobId: "ingest-2026-11-27",
      taskId: "chunk-00001",
      taskFile: "stdout.txt",
      nodeFile: "startup/stdout.txt",
    };
  };
  [ids, soloIds] = await Promise.all([idsOf(env), idsOf(solo)]);
});
afterAll(() => solo.emu.close());

/** Batch calls one request of this route costs, measured alone on the solo emulator (its later reads included). */
async function costOfOne(route: (e: RouteTestEnv, i: RouteIds) => RouteCase): Promise<number> {
  pointDashboardAt(solo.emu);
  try {
    await solo.resetStats();
    const r = route(solo, soloIds);
    const res = await call(r.handler, r.url, r.params);
    expect(res.status, res.text.slice(0, 200)).toBe(200);
    await solo.quiet();
    return (await solo.stats()).total;
  } finally {
    pointDashboardAt(env.emu);
  }
}

function routeNamed(name: string, query = ""): (e: RouteTestEnv, i: RouteIds) => RouteCase {
  return (e, i) => everyRoute(e.account, i, query).find((r) => r.name === name)!;
}

describe(`${BURST} concurrent identical requests`, () => {
  it.each([
    ["pool heatmap", "window=1h"],
    ["pools", ""],
    ["job heatmap", "window=6h&buckets=120"],
    ["tasks", "pageSize=500&category=Application"],
    ["node", ""],
    ["task file", ""],
  ])("%s?%s: all 200 with one body, for at most the Batch calls of one request", async (name, query) => {
    const one = await costOfOne(routeNamed(name, query));
    const route = routeNamed(name, query)(env, ids);
    await env.resetStats();
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: BURST }, async () => {
        const res = await route.handler(new Request(new URL(route.url, "http://localhost")), { params: Promise.resolve(route.params) });
        return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
      }),
    );
    const ms = Date.now() - started;
    await env.quiet();
    const { total, byRoute } = await env.stats();
    console.log(`${BURST} × ${name}${query ? `?${query}` : ""}: ${total} Batch calls (one request alone: ${one}) in ${ms} ms ${JSON.stringify(byRoute)}`);
    for (const r of results) expect(r.status).toBe(200);
    for (const r of results) expect(r.body.equals(results[0]!.body)).toBe(true);
    expect(one).toBeGreaterThan(0);
    // A heatmap's totals are read after it answers, in slices planned from the job's counts at that moment,
    // so one request alone varies by a call between runs (measured 9 to 11 for the job's 6 hours); a burst
    // that did not share its reads would cost many times more.
    expect(total).toBeLessThanOrEqual(name.endsWith("heatmap") ? one + 1 : one);

    // Within the read cache's few seconds, the next burst costs nothing at all.
    await env.resetStats();
    const again = await Promise.all(Array.from({ length: BURST }, () => call(route.handler, route.url, route.params)));
    for (const r of again) expect(r.status).toBe(200);
    expect((await env.stats()).total).toBe(0);
  });
});
