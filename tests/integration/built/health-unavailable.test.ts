import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "@/lib/emulator/server";
import { serviceHealth } from "@/lib/schemas/service-health";
import { startDashboard, type Dashboard } from "../../support/servers";

// A dashboard whose store cannot be opened (its file is a folder: start-up accepts the path, SQLite does
// not), behind a sign-in proxy that this test is not: health says 503 and why, to an anonymous caller,
// without naming the account, its URL or the store's path; metrics need the token.
let emu: Emulator;
let dashboard: Dashboard;
let dir: string;
const TOKEN = "metrics-token-0123456789abcdef";

beforeAll(async () => {
  emu = await startEmulator({ scenario: "empty", seed: 1, account: "sick" });
  dir = mkdtempSync(join(tmpdir(), "batchscope-health-"));
  const auditDb = join(dir, "audit.sqlite");
  mkdirSync(auditDb);
  dashboard = await startDashboard({
    BATCH_ACCOUNT_NAME: emu.account,
    BATCH_ACCOUNT_URL: emu.url,
    BATCH_ACCOUNT_KEY: emu.key,
    BATCHSCOPE_AUDIT_DB: auditDb,
    BATCHSCOPE_IDENTITY: "headers",
    BATCHSCOPE_IDENTITY_USER_HEADER: "X-User",
    BATCHSCOPE_IDENTITY_GROUPS_HEADER: "X-Groups",
    BATCHSCOPE_TRUSTED_PROXIES: "10.9.9.9",
    BATCHSCOPE_METRICS_TOKEN: TOKEN,
  });
});

afterAll(async () => {
  await dashboard?.stop();
  await emu?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("GET /api/health with the store unavailable", () => {
  it("answers 503 naming the store, to an anonymous caller, revealing no account, URL or path", async () => {
    // Another Host than the public one: the platform's probe asks by the container's address.
    const res = await fetch(`${dashboard.url}/api/health`, { headers: { "x-user": "mallory" } });
    expect(res.status).toBe(503);
    const text = await res.text();
    const health = serviceHealth.parse(JSON.parse(text));
    expect(health.status).toBe("unavailable");
    expect(health.checks.configuration.ok).toBe(true);
    expect(health.checks.store).toMatchObject({ ok: false, reason: expect.stringMatching(/store does not answer/) });
    // Batch is fine and counted, but an anonymous caller gets no names.
    expect(health.batch).toMatchObject({ accounts: 1, reachable: 1 });
    expect(health.batch.detail).toBeUndefined();
    for (const secret of ["sick", emu.url, emu.key, dir]) expect(text).not.toContain(secret);
    // The detail went to the server's log.
    expect(dashboard.logs()).toMatch(/health: the store does not answer/);
  });

  it("still refuses the rest of the API to an anonymous caller", async () => {
    expect((await fetch(`${dashboard.url}/api/accounts`)).status).toBe(401);
  });
});

describe("GET /metrics with BATCHSCOPE_METRICS_TOKEN", () => {
  it("refuses a scrape without the token, even from this machine, and answers one with it", async () => {
    const refused = await fetch(`${dashboard.url}/metrics`);
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain("batchscope_");
    expect((await fetch(`${dashboard.url}/metrics`, { headers: { authorization: "Bearer wrong-token-0123456789abcd" } })).status).toBe(403);
    const ok = await fetch(`${dashboard.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    const text = await ok.text();
    expect(text).toMatch(/^batchscope_store_up 0$/m);
    expect(dashboard.logs()).not.toContain(TOKEN);
  });
});
