import { afterEach, describe, expect, it } from "vitest";
import { meResponse } from "@/lib/schemas/identity";
import { handlers } from "./route-table";
import { call, callOk, emulatorPerSuite } from "./support";

// GET /me: who the server believes is asking, from the configured proxy headers; no Batch call.
const env = emulatorPerSuite({ scenario: "empty", account: "me-acct" });
const url = () => `/api/accounts/${env.account}/me`;
const IDENTITY_KEYS = ["BATCHSCOPE_IDENTITY", "BATCHSCOPE_OPERATOR_GROUPS", "BATCHSCOPE_IDENTITY_USER_HEADER", "BATCHSCOPE_IDENTITY_GROUPS_HEADER"];
afterEach(() => {
  for (const k of IDENTITY_KEYS) delete process.env[k];
});

describe("GET /api/accounts/[account]/me", () => {
  it("on the emulator with no proxy configured: the local operator, said so, without a Batch call", async () => {
    await env.resetStats();
    const me = await callOk(handlers.meGET, url(), { account: env.account }, meResponse);
    expect(me).toMatchObject({ account: env.account, identity: { actor: "local-operator", role: "operator", source: "local" } });
    expect(me.identity.note).toMatch(/no sign-in proxy/);
    expect((await env.stats()).total).toBe(0);
  });

  it("behind oauth2-proxy: operator by group, viewer otherwise, refused without headers", async () => {
    process.env.BATCHSCOPE_IDENTITY = "oauth2-proxy";
    process.env.BATCHSCOPE_OPERATOR_GROUPS = "batch-ops";
    const as = async (headers: Record<string, string>) =>
      meResponse.parse((await call(handlers.meGET, url(), { account: env.account }, { headers })).json).identity;
    expect(await as({ "X-Forwarded-Email": "ana@example.com", "X-Forwarded-Groups": "batch-ops" })).toEqual({
      actor: "ana@example.com",
      role: "operator",
      source: "proxy",
    });
    expect(await as({ "X-Forwarded-Email": "bo@example.com", "X-Forwarded-Groups": "devs" })).toMatchObject({
      actor: "bo@example.com",
      role: "viewer",
      actionsRefused: expect.any(String),
    });
    expect(await as({})).toMatchObject({ role: "viewer", source: "none", actionsRefused: expect.any(String) });
  });

  it("a bad configuration answers 500 naming the variable, not a stack trace", async () => {
    process.env.BATCHSCOPE_IDENTITY = "kerberos";
    const r = await call(handlers.meGET, url(), { account: env.account });
    expect(r.status).toBeGreaterThanOrEqual(500);
    expect(r.text).toMatch(/BATCHSCOPE_IDENTITY must be one of/);
    expect(r.text).not.toMatch(/\n\s+at /);
  });
});
