import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { NodeUserSummary as ShownUser } from "@/lib/emulator/handlers/control";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { logger } from "@/lib/observability/logger";
import { USER_NAME_PATTERN } from "@/lib/connect/credentials";
import { auditListResponse, type AuditRecord } from "@/lib/schemas/audit";
import { connectResponse } from "@/lib/schemas/connect";
import { newSshPublicKey } from "@/tests/support/ssh-key";
import { readApiVersion } from "@/lib/batch/account-config";
import { calls, PAGE_HEADERS, readyCloudServicePool, readyPool, UUID } from "./remediation-support";
import { handlers } from "./route-table";
import { call, emulatorPerSuite, expectApiError, type RouteResult } from "./support";

// Connect: temporary node users through the routes, against the emulator's node-user rules, with
// the audit records they leave, and neither key nor password anywhere but Batch and the one response.
const env = emulatorPerSuite({ scenario: "empty", account: "conn" });
const MODERN = readApiVersion() === "2025-06-01";
const a = () => env.account;

const usersOnNode = (pool: string, node: string) => env.control<ShownUser[]>("GET", `/pools/${pool}/nodes/${node}/users`);
const simNow = async () => Date.parse((await env.control<{ now: string }>("GET", "")).now);

const usersUrl = (pool: string, node: string) => `/api/accounts/${a()}/pools/${pool}/nodes/${node}/users`;
const connect = (pool: string, node: string, body: unknown, headers: Record<string, string> = PAGE_HEADERS): Promise<RouteResult> =>
  call(handlers.nodeUsersPOST, usersUrl(pool, node), { account: a(), poolId: pool, nodeId: node }, { method: "POST", headers, body: JSON.stringify(body) });
const remove = (pool: string, node: string, user: string, body: unknown = {}, headers: Record<string, string> = PAGE_HEADERS): Promise<RouteResult> =>
  call(
    handlers.nodeUserDELETE,
    `${usersUrl(pool, node)}/${user}`,
    { account: a(), poolId: pool, nodeId: node, userName: user },
    { method: "DELETE", headers, body: JSON.stringify(body) },
  );
const rdp = (pool: string, node: string, headers: Record<string, string> = {}) =>
  call(handlers.nodeRdpGET, `/api/accounts/${a()}/pools/${pool}/nodes/${node}/rdp`, { account: a(), poolId: pool, nodeId: node }, { headers });
const auditOf = async (node: string): Promise<AuditRecord[]> => {
  const r = await call(handlers.auditGET, `/api/accounts/${a()}/audit?node=${node}`, { account: a() });
  return auditListResponse.parse(r.json).records;
};

/** Every byte the audit log has written: the SQLite file and its write-ahead log. */
function auditBytes(): string {
  const dir = dirname(process.env.BATCHSCOPE_AUDIT_DB!);
  return readdirSync(dir)
    .map((f) => readFileSync(join(dir, f)).toString("latin1"))
    .join("\n");
}

/** Everything the server process printed while the test ran (route handlers run in this process). */
const printed: string[] = [];
beforeAll(() => {
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    const original = console[level].bind(console);
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      printed.push(args.map((x) => (x instanceof Error ? `${x.message}\n${x.stack}` : typeof x === "string" ? x : JSON.stringify(x))).join(" "));
      original(...args);
    });
  }
});
// The structured log (lib/observability/logger.ts) writes to stdout itself, not through console.
beforeAll(() => {
  const log = logger();
  for (const level of ["info", "warn", "error", "debug"] as const) {
    const original = log[level].bind(log) as (...args: unknown[]) => void;
    vi.spyOn(log, level).mockImplementation(((...args: unknown[]) => {
      printed.push(args.map((x) => (typeof x === "string" ? x : JSON.stringify(x))).join(" "));
      original(...args);
    }) as never);
  }
});
afterAll(() => vi.restoreAllMocks());

const WINDOWS_VM = {
  imageReference: { publisher: "microsoftwindowsserver", offer: "windowsserver", sku: "2022-datacenter", version: "latest" },
  nodeAgentSKUId: "batch.node.windows amd64",
};

let lin: string[] = [];
let win = "";
let classic = "";
beforeAll(async () => {
  lin = await readyPool(env, "lin", 2);
  win = (await readyPool(env, "win", 1, { virtualMachineConfiguration: WINDOWS_VM }))[0]!;
  classic = await readyCloudServicePool(env, "classic");
});

describe("POST …/users on a Linux VM node (SSH key)", () => {
  it("creates a non-admin user with a generated name and the service-clock expiry, answers the exact ssh command, and records it", async () => {
    const key = newSshPublicKey("oncall@laptop");
    await env.resetStats();
    const before = await simNow();
    const r = await connect("lin", lin[0]!, { sshPublicKey: key, expiryHours: 2, reason: "tasks hang, need to look", ticket: "INC-77" });
    const after = await simNow();
    expect(r.status, r.text).toBe(200);
    const res = connectResponse.parse(r.json);
    expect(res.userName).toMatch(USER_NAME_PATTERN);
    expect(res.password).toBeUndefined();
    expect(res.requestId).toMatch(UUID);

    // The address and port are Batch's own, as the SDK reads them.
    const login = await env.sdk.computeNode.getRemoteLoginSettings("lin", lin[0]!);
    expect(res.connection).toEqual({
      kind: "ssh",
      address: login.remoteLoginIPAddress,
      port: login.remoteLoginPort,
      command: `ssh -p ${login.remoteLoginPort} ${res.userName}@${login.remoteLoginIPAddress}`,
    });
    // The service clock comes from the Date header, which has whole seconds.
    const expiry = Date.parse(res.expiryTime);
    expect(expiry).toBeGreaterThanOrEqual(before - 1_000 + 2 * 3_600_000);
    expect(expiry).toBeLessThanOrEqual(after + 2 * 3_600_000);

    // Batch keeps a Linux user to the end of the UTC day of the expiry asked for (a day's precision).
    const endOfDay = new Date(Math.ceil(expiry / 86_400_000) * 86_400_000).toISOString();
    expect(await usersOnNode("lin", lin[0]!)).toEqual([{ name: res.userName, isAdmin: false, expiryTime: endOfDay, hasPassword: false, hasSshKey: true }]);
    expect(await calls(env, `POST /pools/lin/nodes/${lin[0]}/users`)).toBe(1);

    const [record] = await auditOf(lin[0]!);
    expect(record).toMatchObject({
      id: res.recordId,
      action: "addUser",
      actor: "local-operator",
      role: "operator",
      poolId: "lin",
      userName: res.userName,
      expiryTime: res.expiryTime,
      reason: "tasks hang, need to look",
      ticket: "INC-77",
      outcome: "accepted",
      requestId: res.requestId,
    });

    // The key went to Batch and nowhere else: not the audit file, not a log line.
    const blob = key.split(" ")[1]!;
    expect(auditBytes()).toContain(res.userName);
    expect(auditBytes()).not.toContain(blob);
    expect(printed.join("\n")).not.toContain(blob);
  });
});

describe("POST …/users on a Linux VM node (SSH key): refusals", () => {
  it("refuses a bad key or expiry with a 400 in plain words, and sends nothing to Batch", async () => {
    const key = newSshPublicKey();
    const [type, blob] = key.split(" ");
    const recordsBefore = (await auditOf(lin[1]!)).length;
    await env.resetStats();
    const cases: Array<[unknown, RegExp]> = [
      [{ sshPublicKey: "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\n-----END OPENSSH PRIVATE KEY-----" }, /sshPublicKey: This is a private key/],
      [{ sshPublicKey: `${type} ${blob!.slice(0, 30)}` }, /sshPublicKey: .*cut when copying/],
      [{}, /sshPublicKey: Paste an SSH public key/],
      [{ sshPublicKey: key, expiryHours: 25 }, /expiryHours: must be at most 24 hours/],
      [{ sshPublicKey: key, expiryHours: 0 }, /expiryHours: must be at least 1 hour/],
      [{ sshPublicKey: key, expiryHours: 1.5 }, /expiryHours: must be whole hours/],
      [{ sshPublicKey: key, expiryHours: "soon" }, /expiryHours/],
    ];
    for (const [body, message] of cases) {
      const r = await connect("lin", lin[1]!, body);
      const e = expectApiError(r, "badRequest", 400);
      expect(e.message, JSON.stringify(body)).toMatch(message);
      expect(r.text).not.toContain(blob!.slice(0, 30));
    }
    expect(await calls(env, `POST /pools/lin/nodes/${lin[1]}/users`)).toBe(0);
    expect(await usersOnNode("lin", lin[1]!)).toEqual([]);
    expect(await auditOf(lin[1]!)).toHaveLength(recordsBefore);
  });

  it("refuses another site's request and a request without JSON, before anything else", async () => {
    await env.resetStats();
    const body = { sshPublicKey: newSshPublicKey() };
    const evil = await connect("lin", lin[1]!, body, { origin: "https://evil.example", "sec-fetch-site": "cross-site", "content-type": "application/json" });
    expect(expectApiError(evil, "auth", 403).code).toBe("CrossOriginRequest");
    const form = await connect("lin", lin[1]!, body, { ...PAGE_HEADERS, "content-type": "text/plain" });
    expect(form.status).toBe(415);
    expect((await env.stats()).total).toBe(0);
    expect(await usersOnNode("lin", lin[1]!)).toEqual([]);
  });
});

describe("a viewer", () => {
  const IDENTITY = ["BATCHSCOPE_IDENTITY", "BATCHSCOPE_OPERATOR_GROUPS", "BATCHSCOPE_TRUSTED_PROXIES"];
  afterEach(() => {
    for (const k of IDENTITY) delete process.env[k];
  });

  it("gets 403 for connect, remove and the RDP file, and Batch sees no call", async () => {
    process.env.BATCHSCOPE_IDENTITY = "oauth2-proxy";
    process.env.BATCHSCOPE_TRUSTED_PROXIES = "127.0.0.1";
    process.env.BATCHSCOPE_OPERATOR_GROUPS = "batch-ops";
    const viewer = { "x-forwarded-email": "vera@example.com", "x-forwarded-groups": "readers" };
    await env.resetStats();
    const c = await connect("lin", lin[1]!, { sshPublicKey: newSshPublicKey() }, { ...PAGE_HEADERS, ...viewer });
    expect(expectApiError(c, "auth", 403)).toMatchObject({ code: "NotAnOperator" });
    const d = await remove("lin", lin[1]!, "bs-abcdefgh", {}, { ...PAGE_HEADERS, ...viewer });
    expect(expectApiError(d, "auth", 403)).toMatchObject({ code: "NotAnOperator" });
    const f = await rdp("classic", classic, viewer);
    expect(expectApiError(f, "auth", 403)).toMatchObject({ code: "NotAnOperator" });
    expect((await env.stats()).total).toBe(0);

    // The same request from an operator of that proxy goes through.
    const op = await connect(
      "lin",
      lin[1]!,
      { sshPublicKey: newSshPublicKey() },
      { ...PAGE_HEADERS, "x-forwarded-email": "olga@example.com", "x-forwarded-groups": "batch-ops" },
    );
    expect(op.status, op.text).toBe(200);
    const [record] = await auditOf(lin[1]!);
    expect(record).toMatchObject({ actor: "olga@example.com", role: "operator", action: "addUser", userName: connectResponse.parse(op.json).userName });
  });
});

describe("Windows and cloud-service nodes (generated password)", () => {
  it("a Windows VM node: a password shown once, Remote Desktop to Batch's address and port, never stored or logged", async () => {
    const r = await connect("win", win, { expiryHours: 1 });
    expect(r.status, r.text).toBe(200);
    const res = connectResponse.parse(r.json);
    expect(res.password).toMatch(/^.{20}$/);
    const login = await env.sdk.computeNode.getRemoteLoginSettings("win", win);
    expect(res.connection).toEqual({
      kind: "remoteDesktop",
      address: login.remoteLoginIPAddress,
      port: login.remoteLoginPort,
      command: `mstsc /v:${login.remoteLoginIPAddress}:${login.remoteLoginPort}`,
    });
    expect(await usersOnNode("win", win)).toEqual([{ name: res.userName, isAdmin: false, expiryTime: res.expiryTime, hasPassword: true, hasSshKey: false }]);
    expect(auditBytes()).toContain(res.userName);
    expect(auditBytes()).not.toContain(res.password);
    expect(printed.join("\n")).not.toContain(res.password);
  });

  it("a user made whose address Batch will not give now still reaches the operator: name, one-time password, record", async () => {
    await env.control("PUT", "/faults", { throttleRate: 1, retryAfterSeconds: 30, pathPrefix: `/pools/win/nodes/${win}/remoteloginsettings` });
    try {
      const r = await connect("win", win, { expiryHours: 1 });
      expect(r.status, r.text).toBe(200);
      const res = connectResponse.parse(r.json);
      expect(res.connection).toMatchObject({ kind: "unavailable", error: { kind: "throttled" } });
      expect(res.password).toMatch(/^.{20}$/);
      expect((await usersOnNode("win", win)).map((u) => u.name)).toContain(res.userName);
      expect((await auditOf(win)).find((x) => x.id === res.recordId)).toMatchObject({ action: "addUser", outcome: "accepted", userName: res.userName });
    } finally {
      await env.control("DELETE", "/faults");
    }
  });

  it("a Windows node refuses an SSH key with a 400, before any user is made", async () => {
    await env.resetStats();
    const r = await connect("win", win, { sshPublicKey: newSshPublicKey() });
    expect(expectApiError(r, "badRequest", 400).message).toMatch(/sshPublicKey: this node runs Windows/);
    expect(await calls(env, `POST /pools/win/nodes/${win}/users`)).toBe(0);
  });
});

describe("cloud-service nodes and the RDP file", () => {
  it("a cloud-service node: a password and our RDP download, which is Batch's file (2022-10-01.16.0), or why there is none (2025-06-01)", async () => {
    const r = await connect("classic", classic, { expiryHours: 4 });
    expect(r.status, r.text).toBe(200);
    const res = connectResponse.parse(r.json);
    expect(res.password).toBeDefined();
    expect((await usersOnNode("classic", classic)).map((u) => [u.name, u.hasPassword])).toEqual([[res.userName, true]]);
    if (MODERN) {
      // docs/real-service.md "API versions": 2025-06-01 has no RDP file, and no remote login settings for these pools.
      expect(res.connection).toMatchObject({
        kind: "unavailable",
        error: { status: 409, code: "RdpFileNotInApiVersion", message: expect.stringMatching(/has no RDP file/) },
      });
      await env.resetStats();
      const e = expectApiError(await rdp("classic", classic), "conflict", 409);
      expect(e.message).toMatch(/Batch API 2025-06-01 has no RDP file, and gives remote login settings only for virtual-machine pools/);
      expect(await calls(env, `GET /pools/classic/nodes/${classic}/rdp`)).toBe(0);
      return;
    }
    expect(res.connection).toEqual({ kind: "rdp", rdpUrl: `/api/accounts/${a()}/pools/classic/nodes/${classic}/rdp` });
    const file = await rdp("classic", classic);
    expect(file.status, file.text).toBe(200);
    expect(file.headers.get("content-disposition")).toBe(`attachment; filename="${classic}.rdp"`);
    expect(file.headers.get("content-type")).toBe("application/x-rdp");
    const fromSdk = await env.sdk.computeNode.getRemoteDesktop("classic", classic);
    const chunks: Buffer[] = [];
    for await (const c of fromSdk.readableStreamBody!) chunks.push(Buffer.from(c as Buffer));
    expect(file.text).toBe(Buffer.concat(chunks).toString());
    expect(file.text).toMatch(/^full address:s:/);
  });

  it("the RDP file of a VM pool's node is a 409 in plain words", async () => {
    const r = await rdp("lin", lin[0]!);
    const e = expectApiError(r, "conflict", 409);
    if (MODERN) {
      expect(e.message).toMatch(/has no RDP file, and pool lin is a virtual-machine pool: use Connect/);
      return;
    }
    expect(e.message).toMatch(/only for nodes of cloud-service pools, and pool lin is a virtual-machine pool/);
    expect(e.requestId).toMatch(UUID);
  });
});
