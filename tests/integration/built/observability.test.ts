import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serviceHealth } from "@/lib/schemas/service-health";
import { stackPerFile } from "../../support/stack";
import { WARM_UP_PATHS } from "@/lib/server/startup/warm-up";
import { jsonLines, labelValues, requestLines, sample, waitUntil } from "./support";

// The built dashboard (server.ts, as `npm start` runs it) on a free loopback port, pointed at an emulator:
// its health answer, its metrics after real reads, and the one log line it writes per request.
const stack = stackPerFile({ beforeAll, afterAll }, { scenario: "demo", account: "obs" });

/** A GET with a Host of our choosing (fetch sends the URL's). */
function getWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { host } }, (res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on("error", reject)
      .end();
  });
}

const metricsText = async () => {
  const res = await fetch(`${stack().dashboard.url}/metrics`);
  expect(res.status).toBe(200);
  return { type: res.headers.get("content-type"), text: await res.text() };
};

describe("GET /api/health", () => {
  it("answers 200 with the store and Batch checked, and no URL or key of the account", async () => {
    const res = await fetch(`${stack().dashboard.url}/api/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const text = await res.text();
    const health = serviceHealth.parse(JSON.parse(text));
    expect(health.status).toBe("ok");
    expect(health.checks.store.ok).toBe(true);
    expect(health.batch).toMatchObject({ accounts: 1, reachable: 1 });
    // No sign-in configured: the caller may read the accounts, so the names are there.
    expect(health.batch.detail?.map((d) => d.account)).toEqual(["obs"]);
    expect(text).not.toContain(stack().emu.url);
    expect(text).not.toContain(stack().emu.key);
    expect(text).not.toContain(stack().auditDb);
  });
});

describe("start-up", () => {
  it("serves as npm start does without Next's warning that next start does not work with standalone output", async () => {
    // The output is set at build time only (next.config.js); the warning came when Next.js read the config to serve.
    expect((await fetch(`${stack().dashboard.url}/api/health`)).status).toBe(200);
    expect(stack().dashboard.logs()).toContain("Batchscope: listening on");
    expect(stack().dashboard.logs()).not.toMatch(/does not work with "output: standalone"/);
  });
});

describe("warm-up", () => {
  it("loads the incident pages' modules at start-up through its own listener: each path answered, none in the request log", async () => {
    await waitUntil("the warm-up line", () => stack().dashboard.logs().includes("Batchscope: warm-up done"));
    const line = jsonLines(stack().dashboard.logs()).find((l) => l.msg === "Batchscope: warm-up done") as {
      warmUp: { statuses: Record<string, number> };
    };
    // The pages render "No such account"; the routes refuse the account name (400). No 5xx, none unanswered.
    const { statuses } = line.warmUp;
    expect(Object.values(statuses).reduce((a, b) => a + b, 0)).toBe(WARM_UP_PATHS.length);
    expect(Object.keys(statuses).filter((s) => !["200", "400", "404"].includes(s))).toEqual([]);
    const logged = jsonLines(stack().dashboard.logs()).filter((l) => l.msg === "request" && String(l.path).includes("_warm-up_"));
    expect(logged).toEqual([]);
  });
});

describe("GET /api/health by another Host", () => {
  it("answers a probe that asks by another name, but as to a stranger: no account names", async () => {
    const { status, body } = await getWithHost(`${stack().dashboard.url}/api/health`, "10.1.2.3:3000");
    expect(status).toBe(200);
    const health = serviceHealth.parse(JSON.parse(body));
    expect(health.batch).toMatchObject({ accounts: 1, reachable: 1 });
    expect(health.batch.detail).toBeUndefined();
    // Everything else on that Host is refused, as before.
    expect((await getWithHost(`${stack().dashboard.url}/api/accounts`, "10.1.2.3:3000")).status).toBe(421);
  });
});

describe("GET /metrics", () => {
  it("counts the Batch calls a page read made, in Prometheus' text format", async () => {
    const before = sample((await metricsText()).text, "batchscope_batch_calls_total", { operation: "GET /nodecounts", outcome: "ok" });
    const page = await fetch(`${stack().dashboard.url}/obs`);
    expect(page.status).toBe(200);
    await page.text();
    const { type, text } = await metricsText();
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(text, "batchscope_batch_calls_total", { operation: "GET /nodecounts", outcome: "ok" })).toBeGreaterThan(before);
    expect(text).toMatch(/^batchscope_batch_call_duration_seconds_bucket\{.*operation="GET \/nodecounts".*\} \d+/m);
    expect(sample(text, "batchscope_http_request_duration_seconds_count", { method: "GET", route: "/[account]", status: "2xx" })).toBeGreaterThan(0);
    expect(text).toMatch(/^batchscope_read_cache_total\{result="miss"\} [1-9]/m);
    expect(text).toMatch(/^batchscope_batch_slots_in_use\{account="obs",kind="reads"\} \d+/m);
    expect(text).toMatch(/^batchscope_store_up 1$/m);
  });

  it("counts snapshots taken and those in the store, with their size", async () => {
    const { url } = stack().dashboard;
    const before = sample((await metricsText()).text, "batchscope_snapshots_stored", { account: "obs" });
    const res = await fetch(`${url}/api/accounts/obs/snapshots`, {
      method: "POST",
      headers: { origin: url, "sec-fetch-site": "same-origin", "content-type": "application/json" },
      body: JSON.stringify({ view: `/obs/pools/${(await stack().client.pool.list())[0]!.id}` }),
    });
    expect(res.status).toBe(201);
    const { text } = await metricsText();
    expect(sample(text, "batchscope_snapshots_stored", { account: "obs" })).toBe(before + 1);
    expect(sample(text, "batchscope_snapshots_stored_bytes", { account: "obs" })).toBeGreaterThan(0);
    expect(sample(text, "batchscope_snapshots_taken_total", {})).toBeGreaterThanOrEqual(1);
    expect(sample(text, "batchscope_snapshot_bytes_count", {})).toBeGreaterThanOrEqual(1);
  });

  it("labels routes and Batch calls by their shape, never by the ids in the URL", async () => {
    const ids = ["pool-aaa-1", "pool-bbb-2", "pool-ccc-3"];
    for (const id of ids) await (await fetch(`${stack().dashboard.url}/api/accounts/obs/pools/${id}`)).text();
    const { text } = await metricsText();
    const routes = labelValues(text, "batchscope_http_request_duration_seconds", "route");
    expect(routes).toContain("/api/accounts/[account]/pools/[poolId]");
    const operations = labelValues(text, "batchscope_batch_calls_total", "operation");
    expect(operations).toContain("GET /pools/{id}");
    for (const label of [...routes, ...operations]) for (const id of ids) expect(label).not.toContain(id);
    for (const op of operations) expect(op).toMatch(/^(GET|HEAD|POST|PUT|PATCH|DELETE) \/[a-z{}/]*$/);
  });
});

describe("request log", () => {
  it("writes one JSON line per request, with its id echoed and the Batch request ids it caused", async () => {
    const reqId = `obs-test-${Date.now()}`;
    // The job list is not read by anything before, so this request makes its own Batch calls.
    const res = await fetch(`${stack().dashboard.url}/api/accounts/obs/jobs?sig=SECRETSASSIG123&se=2030`, {
      headers: { "x-request-id": reqId, authorization: "Bearer secret-token-value-xyz", cookie: "session=secret-cookie-value" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toBe(reqId);
    await res.text();
    await waitUntil("the request's log line", () => requestLines(stack().dashboard.logs(), reqId).length > 0);
    const lines = requestLines(stack().dashboard.logs(), reqId);
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(line).toMatchObject({ method: "GET", route: "/api/accounts/[account]/jobs", path: "/api/accounts/obs/jobs", status: 200 });
    expect(typeof line.ms).toBe("number");
    const batchIds = line.batchRequestIds as string[];
    expect(batchIds.length).toBeGreaterThan(0);
    for (const id of batchIds) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const logs = stack().dashboard.logs();
    for (const secret of ["SECRETSASSIG123", "secret-token-value-xyz", "secret-cookie-value", stack().emu.key]) expect(logs).not.toContain(secret);
  });

  it("makes an id when none (or an unusable one) came, and writes an error's kind and code", async () => {
    const res = await fetch(`${stack().dashboard.url}/api/accounts/obs/pools/no-such-pool`, { headers: { "x-request-id": "bad id <with> spaces" } });
    expect(res.status).toBe(404);
    const reqId = res.headers.get("x-request-id")!;
    expect(reqId).toMatch(/^[0-9a-f-]{36}$/);
    await waitUntil("the request's log line", () => requestLines(stack().dashboard.logs(), reqId).length > 0);
    const [line] = requestLines(stack().dashboard.logs(), reqId);
    expect(line).toMatchObject({
      status: 404,
      route: "/api/accounts/[account]/pools/[poolId]",
      error: { kind: "notFound", code: "PoolNotFound", status: 404 },
    });
  });

  it("logs pages and static files too, one line each", async () => {
    const reqId = `obs-page-${Date.now()}`;
    const res = await fetch(`${stack().dashboard.url}/obs/audit`, { headers: { "x-request-id": reqId } });
    expect(res.headers.get("x-request-id")).toBe(reqId);
    await res.text();
    await waitUntil("the page's log line", () => requestLines(stack().dashboard.logs(), reqId).length > 0);
    expect(requestLines(stack().dashboard.logs(), reqId)).toEqual([expect.objectContaining({ route: "/[account]/audit", status: 200 })]);
  });

  it("logs a build asset at debug (not at the default info) unless it failed", async () => {
    const html = await (await fetch(`${stack().dashboard.url}/obs/audit`)).text();
    const asset = /\/_next\/static\/[^"']+\.js/.exec(html)?.[0];
    expect(asset).toBeDefined();
    const okId = `obs-asset-${Date.now()}`;
    const ok = await fetch(`${stack().dashboard.url}${asset}`, { headers: { "x-request-id": okId } });
    expect(ok.status).toBe(200);
    await ok.text();
    const missingId = `obs-missing-${Date.now()}`;
    const missing = await fetch(`${stack().dashboard.url}/_next/static/chunks/no-such-chunk.js`, { headers: { "x-request-id": missingId } });
    expect(missing.status).toBe(404);
    await missing.text();
    // Lines are written in order of finishing: once the later 404's line is there, the asset's would be too.
    await waitUntil("the missing asset's log line", () => requestLines(stack().dashboard.logs(), missingId).length > 0);
    expect(requestLines(stack().dashboard.logs(), missingId)).toEqual([expect.objectContaining({ status: 404, level: "info" })]);
    expect(requestLines(stack().dashboard.logs(), okId)).toEqual([]);
  });
});
