import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { auditListResponse } from "@/lib/schemas/audit";
import { handlers } from "./route-table";
import { calls, PAGE_HEADERS, postAction, readyPool } from "./remediation-support";
import { call, callOk, emulatorPerSuite, expectApiError, type RouteResult } from "./support";

// Who may act and how: operators only, same-origin JSON only, every field checked, all before any Batch
// call (the emulator's request count must not move) and without leaving an audit record.
const env = emulatorPerSuite({ scenario: "empty", account: "guard" });
const a = () => env.account;
const IDENTITY_KEYS = ["BATCHSCOPE_IDENTITY", "BATCHSCOPE_OPERATOR_GROUPS", "BATCHSCOPE_TRUSTED_PROXIES"];
let nodeId = "";
beforeAll(async () => {
  [nodeId] = (await readyPool(env, "guarded", 1)) as [string];
});
afterEach(() => {
  for (const k of IDENTITY_KEYS) delete process.env[k];
});

/** Asserts the refusal, and that nothing reached Batch or the audit log. */
async function refused(send: () => Promise<RouteResult>, httpStatus: number, code: string, says: RegExp) {
  await env.resetStats();
  const before = (await callOk(handlers.auditGET, `/api/accounts/${a()}/audit`, { account: a() }, auditListResponse)).records.length;
  const r = await send();
  const e = expectApiError(r, httpStatus === 400 || httpStatus === 415 ? "badRequest" : "auth", httpStatus);
  expect(e.code).toBe(code);
  expect(e.message).toMatch(says);
  expect((await env.stats()).total, "no Batch request").toBe(0);
  expect((await callOk(handlers.auditGET, `/api/accounts/${a()}/audit`, { account: a() }, auditListResponse)).records).toHaveLength(before);
  return e;
}

const body = () => ({ action: "disableScheduling", nodeIds: [nodeId] });

describe("roles", () => {
  it("a viewer gets 403 whatever the UI showed", async () => {
    process.env.BATCHSCOPE_IDENTITY = "oauth2-proxy";
    process.env.BATCHSCOPE_TRUSTED_PROXIES = "127.0.0.1";
    process.env.BATCHSCOPE_OPERATOR_GROUPS = "batch-ops";
    await refused(
      () => postAction(env, "guarded", body(), { ...PAGE_HEADERS, "x-forwarded-email": "bo@example.com", "x-forwarded-groups": "devs" }),
      403,
      "NotAnOperator",
      /bo@example.com is a viewer/,
    );
  });

  it("no user header behind a configured proxy: 403, even on the emulator", async () => {
    process.env.BATCHSCOPE_IDENTITY = "oauth2-proxy";
    process.env.BATCHSCOPE_TRUSTED_PROXIES = "127.0.0.1";
    process.env.BATCHSCOPE_OPERATOR_GROUPS = "batch-ops";
    await refused(() => postAction(env, "guarded", body()), 403, "NotAnOperator", /sent no user/);
  });

  it("an operator by group acts, and the record names them", async () => {
    process.env.BATCHSCOPE_IDENTITY = "oauth2-proxy";
    process.env.BATCHSCOPE_TRUSTED_PROXIES = "127.0.0.1";
    process.env.BATCHSCOPE_OPERATOR_GROUPS = "batch-ops";
    const r = await postAction(
      env,
      "guarded",
      { ...body(), action: "reboot" },
      { ...PAGE_HEADERS, "x-forwarded-email": "ana@example.com", "x-forwarded-groups": "batch-ops" },
    );
    expect(r.status, r.text).toBe(200);
    const list = await callOk(handlers.auditGET, `/api/accounts/${a()}/audit?actor=ana@example.com`, { account: a() }, auditListResponse);
    expect(list.records[0]).toMatchObject({ actor: "ana@example.com", role: "operator", action: "reboot" });
  });
});

describe("same-origin JSON POSTs only", () => {
  it.each([
    ["another site's Origin", { origin: "https://evil.example", "content-type": "application/json" }, /evil.example is another site/],
    [
      "Sec-Fetch-Site cross-site",
      { "sec-fetch-site": "cross-site", origin: "http://localhost", "content-type": "application/json" },
      /Sec-Fetch-Site: cross-site/,
    ],
    ["Sec-Fetch-Site same-site (a sibling subdomain)", { "sec-fetch-site": "same-site", "content-type": "application/json" }, /same-site/],
    ["neither Origin nor Sec-Fetch-Site", { "content-type": "application/json" }, /neither Origin nor Sec-Fetch-Site/],
    ["same host on another scheme", { origin: "https://localhost", "content-type": "application/json" }, /another site/],
  ])("refuses %s with 403", async (_name, headers, says) => {
    await refused(() => postAction(env, "guarded", body(), headers), 403, "CrossOriginRequest", says);
  });

  const forwardedFromProxy = {
    origin: "https://batchscope.example.com",
    "x-forwarded-proto": "https",
    "x-forwarded-host": "batchscope.example.com",
    "content-type": "application/json",
  };

  it("honours X-Forwarded-Proto/Host from a TLS-terminating proxy in BATCHSCOPE_TRUSTED_PROXIES", async () => {
    process.env.BATCHSCOPE_IDENTITY = "oauth2-proxy";
    process.env.BATCHSCOPE_TRUSTED_PROXIES = "127.0.0.1";
    process.env.BATCHSCOPE_OPERATOR_GROUPS = "ops";
    const headers = { ...forwardedFromProxy, "x-forwarded-email": "ana@example.com", "x-forwarded-groups": "ops" };
    const r = await postAction(env, "guarded", { ...body(), action: "enableScheduling" }, headers);
    expect(r.status, r.text).toBe(200);
  });

  it("ignores X-Forwarded-Proto/Host from any other peer: the forged origin is another site", async () => {
    await refused(() => postAction(env, "guarded", { ...body(), action: "enableScheduling" }, forwardedFromProxy), 403, "CrossOriginRequest", /another site/);
  });

  it("takes its own origin from BATCHSCOPE_PUBLIC_URL when set", async () => {
    process.env.BATCHSCOPE_PUBLIC_URL = "https://batchscope.example.com";
    try {
      const headers = { origin: "https://batchscope.example.com", "content-type": "application/json" };
      expect((await postAction(env, "guarded", { ...body(), action: "enableScheduling" }, headers)).status).toBe(200);
      await refused(
        () => postAction(env, "guarded", body(), { origin: "http://localhost", "content-type": "application/json" }),
        403,
        "CrossOriginRequest",
        /another site/,
      );
    } finally {
      delete process.env.BATCHSCOPE_PUBLIC_URL;
    }
  });

  it.each([
    ["text/plain (a form-style CSRF)", "text/plain"],
    ["a form", "application/x-www-form-urlencoded"],
    ["no content type", ""],
  ])("refuses %s with 415", async (_name, type) => {
    const headers: Record<string, string> = { origin: "http://localhost", "sec-fetch-site": "same-origin" };
    if (type) headers["content-type"] = type;
    await refused(() => postAction(env, "guarded", body(), headers), 415, "UnsupportedMediaType", /JSON/);
  });
});

describe("every field is validated, with a 400 naming it", () => {
  it.each([
    ["operationId not a UUID", { operationId: "42" }, /operationId/],
    ["an unknown action", { action: "format" }, /action/],
    ["no nodes", { nodeIds: [] }, /nodeIds.*at least one node/],
    ["a node id with a space", { nodeIds: ["a b"] }, /nodeIds\.0/],
    ["a node listed twice", { nodeIds: ["n1", "n1"] }, /nodeIds: n1 is listed twice/],
    ["a reason too short", { reason: "x" }, /reason: say why/],
    ["a ticket with a control character", { ticket: "INC\u001b[31m" }, /ticket: contains a control character/],
    ["an option the action does not take", { option: "retaineddata" }, /option: retaineddata is not an option of disable scheduling/],
    ["an option for enable", { action: "enableScheduling", option: "requeue" }, /option: .*takes no option/],
    ["an unknown option", { option: "later" }, /option/],
    ["remove without the typed node id", { action: "remove" }, /confirm: Type the node id/],
    ["reimage with the wrong id typed", { action: "reimage", confirm: "tvm-other" }, /confirm: .*tvm-other/],
    ["more than three nodes without the count", { nodeIds: ["n1", "n2", "n3", "n4"] }, /confirm: Type the number of nodes, 4/],
  ])("%s", async (_name, override, says) => {
    await refused(() => postAction(env, "guarded", { ...body(), operationId: randomUUID(), ...override }), 400, "InvalidInput", says);
  });

  it("a body that is not JSON", async () => {
    await refused(
      () =>
        call(
          handlers.actionsPOST,
          `/api/accounts/${a()}/pools/guarded/actions`,
          { account: a(), poolId: "guarded" },
          { method: "POST", headers: PAGE_HEADERS, body: "{not json" },
        ),
      400,
      "InvalidInput",
      /not valid JSON/,
    );
  });

  it("a pool id that is not a Batch id", async () => {
    await refused(
      () =>
        call(
          handlers.actionsPOST,
          `/api/accounts/${a()}/pools/a..b/actions`,
          { account: a(), poolId: "a..b" },
          { method: "POST", headers: PAGE_HEADERS, body: JSON.stringify(body()) },
        ),
      400,
      "InvalidInput",
      /poolId/,
    );
  });

  it("a pool that does not exist: 404 PoolNotFound, no record", async () => {
    const r = await postAction(env, "no-such-pool", body());
    expect(expectApiError(r, "notFound", 404)).toMatchObject({ code: "PoolNotFound" });
    const list = await callOk(handlers.auditGET, `/api/accounts/${a()}/audit?pool=no-such-pool`, { account: a() }, auditListResponse);
    expect(list.records).toEqual([]);
  });
});

describe("no audit log, no action", () => {
  it("an audit file that cannot be opened: 503 AuditLogUnavailable naming BATCHSCOPE_AUDIT_DB, and no node call", async () => {
    const saved = process.env.BATCHSCOPE_AUDIT_DB;
    process.env.BATCHSCOPE_AUDIT_DB = "/dev/null/not-a-folder/audit.sqlite";
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      await env.resetStats();
      const r = await postAction(env, "guarded", body());
      const e = expectApiError(r, "server", 503);
      expect(e).toMatchObject({ code: "AuditLogUnavailable", message: expect.stringMatching(/BATCHSCOPE_AUDIT_DB=\/dev\/null/) });
      expect(await calls(env, "POST /pools/guarded/nodes/")).toBe(0);
    } finally {
      log.mockRestore();
      process.env.BATCHSCOPE_AUDIT_DB = saved;
    }
  });
});
