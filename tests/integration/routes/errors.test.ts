import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { logger } from "@/lib/observability/logger";
import { everyRoute, serverStateRoutes, handlers, type RouteIds } from "./route-table";
import { call, emulatorPerSuite, expectApiError, pointDashboardAt, startTestEmulator } from "./support";

// Faults injected in the emulator must reach the browser as the right ApiError kind, quickly: our request
// policy waits out neither a long Retry-After nor two minutes of 5xx retries as the SDK's own would.
const env = emulatorPerSuite({ scenario: "demo", account: "errors-demo" });
const a = () => env.account;
const BOUND_MS = 10_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let ids: RouteIds;
beforeAll(async () => {
  const nodes = await env.sdk.computeNode.list("render-linux");
  const startFailed = nodes.find((n) => n.state === "starttaskfailed")!;
  ids = {
    poolId: "render-linux",
    nodeId: startFailed.id!,
    jobId: "render-frames",
    taskId: "frame-encode-all",
    taskFile: "stderr.txt",
    nodeFile: "startup/stderr.txt",
  };
});
afterEach(async () => {
  await env.control("DELETE", "/faults");
  pointDashboardAt(env.emu);
});

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await run();
  return { value, ms: Date.now() - started };
}

it("the route table covers every route handler under app/api/accounts/[account]", () => {
  // One entry per exported method: a route.ts may answer GET and POST, and each needs its case.
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name === "route.ts") {
        const methods = readFileSync(join(dir, e.name), "utf8").match(/^export const (GET|POST|PUT|PATCH|DELETE)\b/gm) ?? [];
        for (const m of methods) found.push(`${m.split(" ").pop()} ${dir}`);
      }
    }
  };
  walk(join(process.cwd(), "app/api/accounts/[account]"));
  const listed =
    everyRoute("x", { poolId: "p", nodeId: "n", jobId: "j", taskId: "t", taskFile: "f", nodeFile: "f" }).length +
    serverStateRoutes("x", { poolId: "p", jobId: "j" }).length;
  expect(listed).toBe(found.length);
  expect(new Set(Object.values(handlers)).size).toBe(found.length);
});

describe("429 from Batch → throttled", () => {
  it("every route answers 429 with kind throttled and Batch's Retry-After, without waiting it out", async () => {
    await env.control("PUT", "/faults", { throttleRate: 1, retryAfterSeconds: 30 });
    for (const route of everyRoute(a(), ids)) {
      const { value: r, ms } = await timed(() => call(route.handler, route.url, route.params));
      const e = expectApiError(r, "throttled", 429);
      expect(e, route.name).toMatchObject({ status: 429, retryAfterSeconds: 30 });
      expect(e.requestId, route.name).toMatch(UUID);
      expect(ms, route.name).toBeLessThan(BOUND_MS);
    }
  });
});

describe("503 from Batch → server", () => {
  it("every route answers 502 with kind server and Batch's status 503, after at most a few quick retries", async () => {
    await env.control("PUT", "/faults", { serverBusyRate: 1 });
    await env.resetStats();
    const routes = everyRoute(a(), ids);
    const { value: results, ms } = await timed(() => Promise.all(routes.map((route) => timed(() => call(route.handler, route.url, route.params)))));
    for (const [i, { value: r, ms: one }] of results.entries()) {
      const e = expectApiError(r, "server", 502);
      expect(e, routes[i]!.name).toMatchObject({ status: 503 });
      // A file read starts with a HEAD, whose error has no body: no code, but still what the status says.
      if (routes[i]!.name.endsWith(" file")) expect(e.message).toMatch(/503 \(server busy\)/);
      else expect(e, routes[i]!.name).toMatchObject({ code: "ServerBusy", message: expect.stringMatching(/unable to receive requests/) });
      expect(e.requestId).toMatch(UUID);
      expect(one, routes[i]!.name).toBeLessThan(BOUND_MS);
    }
    const stats = await env.stats();
    console.log(`503 on every route: ${routes.length} routes answered in ${ms} ms after ${stats.total} Batch attempts`);
    // Our policy: the first attempt and two retries per read, no more.
    expect(stats.total).toBeLessThanOrEqual(routes.length * 2 * 3);
  });
});

describe("a connection Batch drops → network", () => {
  it("answers 502 with kind network", async () => {
    const log = vi.spyOn(logger(), "error").mockImplementation(() => {});
    await env.control("PUT", "/faults", { dropRate: 1 });
    const route = everyRoute(a(), ids).find((r) => r.name === "job")!;
    const { value: r, ms } = await timed(() => call(route.handler, route.url, route.params));
    const e = expectApiError(r, "network", 502);
    expect(e.status).toBe(0);
    expect(ms).toBeLessThan(BOUND_MS);
    // The server's log says what failed; the browser gets the envelope only.
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });
});

describe("something that does not exist → notFound with Batch's code and request id", () => {
  it.each([
    ["pool", { poolId: "no-such-pool" }, "PoolNotFound"],
    ["nodes", { poolId: "no-such-pool" }, "PoolNotFound"],
    ["node", { nodeId: "tvm-no-such-node" }, "NodeNotFound"],
    ["job", { jobId: "no-such-job" }, "JobNotFound"],
    ["tasks", { jobId: "no-such-job" }, "JobNotFound"],
    ["task", { taskId: "no-such-task" }, "TaskNotFound"],
    ["task files", { taskId: "no-such-task" }, "TaskNotFound"],
    ["job failures", { jobId: "no-such-job" }, "JobNotFound"],
    ["job heatmap", { jobId: "no-such-job" }, "JobNotFound"],
  ] as const)("%s %o → 404 %s", async (name, override, code) => {
    const route = everyRoute(a(), { ...ids, ...override }).find((r) => r.name === name)!;
    const { value: r, ms } = await timed(() => call(route.handler, route.url, route.params));
    const e = expectApiError(r, "notFound", 404);
    expect(e).toMatchObject({ status: 404, code });
    expect(e.requestId).toMatch(UUID);
    expect(e.message).toMatch(/does not exist/);
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it("a missing file → 404 that says the file does not exist, for content and properties", async () => {
    for (const query of ["", "properties=true", "offset=0&length=10"]) {
      for (const route of everyRoute(a(), { ...ids, taskFile: "wd/missing.log", nodeFile: "startup/missing.log" }, query).filter((r) =>
        r.name.endsWith(" file"),
      )) {
        const r = await call(route.handler, route.url, route.params);
        const e = expectApiError(r, "notFound", 404);
        expect(e.requestId, route.url).toMatch(UUID);
        // Not "could not be reached": Batch did answer, and said the file is not there.
        expect(e.message, route.url).not.toMatch(/could not be reached/);
        expect(e.message, route.url).toMatch(/not (exist|found)/i);
        // A HEAD carries no body; the route still gives Batch's code for it.
        expect(e.code, route.url).toBe("FileNotFound");
      }
    }
  });

  it("an account that is not configured → 404 AccountNotFound, without a Batch call", async () => {
    await env.quiet();
    await env.resetStats();
    const r = await call(handlers.poolsGET, "/api/accounts/someone-else/pools", { account: "someone-else" });
    expect(expectApiError(r, "notFound", 404)).toMatchObject({ code: "AccountNotFound" });
    expect((await env.stats()).total).toBe(0);
  });
});

describe("a wrong key → auth", () => {
  it("answers 502 (our configuration, not the browser's fault) with kind auth and Batch's 403", async () => {
    pointDashboardAt(env.emu, randomBytes(64).toString("base64"));
    const route = everyRoute(a(), ids).find((r) => r.name === "pools")!;
    const { value: r, ms } = await timed(() => call(route.handler, route.url, route.params));
    const e = expectApiError(r, "auth", 502);
    expect(e).toMatchObject({ status: 403, code: "AuthenticationFailed" });
    expect(e.requestId).toMatch(UUID);
    expect(ms).toBeLessThan(BOUND_MS);
    // The key itself never reaches the browser.
    expect(r.text).not.toContain(process.env.BATCH_ACCOUNT_KEY);
  });
});

describe("a stopped Batch endpoint → network", () => {
  it("answers 502 with kind network within the bound", async () => {
    const gone = await startTestEmulator({ scenario: "demo", account: "stopped-acct" });
    await gone.emu.close();
    pointDashboardAt(gone.emu);
    const log = vi.spyOn(logger(), "error").mockImplementation(() => {});
    const routes = everyRoute("stopped-acct", ids);
    const results = await Promise.all(routes.map((route) => timed(() => call(route.handler, route.url, route.params))));
    for (const [i, { value: r, ms }] of results.entries()) {
      const e = expectApiError(r, "network", 502);
      expect(e.status, routes[i]!.name).toBe(0);
      expect(e.message, routes[i]!.name).toMatch(/ECONNREFUSED/);
      expect(ms, routes[i]!.name).toBeLessThan(BOUND_MS);
    }
    log.mockRestore();
  });
});
