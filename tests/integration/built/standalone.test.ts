import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "@/lib/emulator/server";
import { serviceHealth } from "@/lib/schemas/service-health";
import { startDashboard, type Dashboard } from "../../support/servers";

// The container image runs `node server.js` in the build's standalone folder (Dockerfile). Copied out of
// the working tree first, as the image copies it, so a module the trace missed cannot be found in the
// repository's node_modules by Node's lookup up the folders.
let emu: Emulator;
let dashboard: Dashboard;
let dir: string;

beforeAll(async () => {
  expect(existsSync(".next/standalone/server.js"), "run `npm run build` first").toBe(true);
  dir = mkdtempSync(join(tmpdir(), "batchscope-standalone-"));
  cpSync(".next/standalone", join(dir, "app"), { recursive: true, verbatimSymlinks: true });
  emu = await startEmulator({ scenario: "demo", seed: 1, account: "smoke" });
  dashboard = await startDashboard(
    {
      BATCH_ACCOUNT_NAME: emu.account,
      BATCH_ACCOUNT_URL: emu.url,
      BATCH_ACCOUNT_KEY: emu.key,
      BATCHSCOPE_AUDIT_DB: join(dir, "data", "audit.sqlite"),
      BATCHSCOPE_LOCAL_OPERATOR: "true",
    },
    undefined,
    [join(dir, "app", "server.js")],
  );
}, 120_000);

afterAll(async () => {
  await dashboard?.stop();
  await emu?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A GET with a Host of our choosing (fetch will not send another Host than the URL's). */
function getWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on("error", reject)
      .end();
  });
}

describe("the standalone server (node .next/standalone/server.js)", () => {
  it("is our server.ts: request ids, Host checks, health", async () => {
    const res = await fetch(`${dashboard.url}/api/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(serviceHealth.parse(await res.json()).status).toBe("ok");
    expect(await getWithHost(`${dashboard.url}/api/accounts`, "evil.example")).toBe(421);
  });

  it("renders a page with its scripts and security headers", async () => {
    const page = await fetch(`${dashboard.url}/smoke`);
    expect(page.status).toBe(200);
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src [^;]*'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    const html = await page.text();
    expect(html).toContain("smoke");
    const script = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${dashboard.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("content-type")).toMatch(/javascript/);
  });

  it("reads Batch through the API", async () => {
    const res = await fetch(`${dashboard.url}/api/accounts/smoke/pools`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    const body = (await res.json()) as { pools: { id: string }[] };
    expect(body.pools.length).toBeGreaterThan(0);
    // Metrics from the bundled server and the route bundles land in one registry, routes named by the build's manifest.
    const metrics = await (await fetch(`${dashboard.url}/metrics`)).text();
    expect(metrics).toMatch(/^batchscope_http_request_duration_seconds_count\{method="GET",route="\/api\/accounts\/\[account\]\/pools",status="2xx"\} [1-9]/m);
    expect(metrics).toMatch(/^batchscope_batch_calls_total\{operation="GET \/pools",outcome="ok"\} [1-9]/m);
  });

  it("carries the native addons built for this Node (the store's SQLite, RE2 for log search)", () => {
    for (const addon of ["better-sqlite3/build/Release/better_sqlite3.node", "re2/build/Release/re2.node"])
      expect(existsSync(join(dir, "app", "node_modules", addon)), addon).toBe(true);
  });

  it("stops on SIGTERM with exit code 0", async () => {
    process.kill(dashboard.pid, "SIGTERM");
    expect(await dashboard.exited).toBe(0);
  });
});
