import { afterEach, describe, expect, it } from "vitest";
import { PEER_HEADER, peerStamp } from "@/lib/identity/peer";
import { meResponse } from "@/lib/schemas/identity";
import { handlers } from "./route-table";
import { call, callOk, emulatorPerSuite } from "./support";

// GET /me: who the server believes is asking, from the configured proxy headers; no Batch call.
const env = emulatorPerSuite({ scenario: "empty", account: "me-acct" });
const url = () => `/api/accounts/${env.account}/me`;
const IDENTITY_KEYS = [
  "BATCHSCOPE_IDENTITY",
  "BATCHSCOPE_OPERATOR_GROUPS",
  "BATCHSCOPE_TRUSTED_PROXIES",
  "BATCHSCOPE_IDENTITY_USER_HEADER",
  "BATCHSCOPE_IDENTITY_GROUPS_HEADER",
];
afterEach(() => {
  for (const k of IDENTITY_KEYS) delete process.env[k];
});

describe("GET /api/accounts/[account]/me", () => {
  it("on the emulator with no proxy configured: the local operator, said so, without a Batch call", async () => {
    await env.resetStats();
    const me = await callOk(handlers.meGET, url(), { account: env.account }, meResponse);
    expect(me).toMatchObject({ account: env.account, identity: { actor: "local-operator", role: "operator", source: "local" } });
    expect(me.identity.note).toMatch(/no sign-in is configured/);
    expect((await env.stats()).total).toBe(0);
  });

  it("an emulator outside the server gets the local operator only when BATCHSCOPE_LOCAL_OPERATOR=true says so", async () => {
    const me = () => callOk(handlers.meGET, url(), { account: env.account }, meResponse);
    process.env.BATCHSCOPE_LOCAL_OPERATOR = "false";
    try {
      expect((await me()).identity).toMatchObject({ actor: "anonymous", role: "viewer", actionsRefused: expect.stringMatching(/No identity source/) });
    } finally {
      process.env.BATCHSCOPE_LOCAL_OPERATOR = "true";
    }
    expect((await me()).identity).toMatchObject({ actor: "local-operator", role: "operator" });
  });

  it("a plain-http URL whose name merely starts with 127. is not loopback: no local operator, whatever the setting", async () => {
    const saved = process.env.BATCH_ACCOUNT_URL;
    process.env.BATCH_ACCOUNT_URL = "http://127.0.0.1.nip.io:1";
    try {
      const me = await callOk(handlers.meGET, url(), { account: env.account }, meResponse);
      expect(me.identity).toMatchObject({ actor: "anonymous", role: "viewer" });
    } finally {
      process.env.BATCH_ACCOUNT_URL = saved;
    }
  });

  it("headers from a peer outside BATCHSCOPE_TRUSTED_PROXIES make no operator", async () => {
    process.env.BATCHSCOPE_IDENTITY = "oauth2-proxy";
    process.env.BATCHSCOPE_TRUSTED_PROXIES = "10.0.0.4";
    process.env.BATCHSCOPE_OPERATOR_GROUPS = "batch-ops";
    const headers = { "X-Forwarded-Email": "mallory@example.com", "X-Forwarded-Groups": "batch-ops" };
    const direct = await call(handlers.meGET, url(), { account: env.account }, { headers: { ...headers, [PEER_HEADER]: peerStamp("127.0.0.1") } });
    expect(meResponse.parse(direct.json).identity).toMatchObject({ actor: "anonymous", role: "viewer" });
    const proxied = await call(handlers.meGET, url(), { account: env.account }, { headers: { ...headers, [PEER_HEADER]: peerStamp("10.0.0.4") } });
    expect(meResponse.parse(proxied.json).identity).toMatchObject({ actor: "mallory@example.com", role: "operator" });
  });

  it("behind oauth2-proxy: operator by group, viewer otherwise, refused without headers", async () => {
    process.env.BATCHSCOPE_IDENTITY = "oauth2-proxy";
    process.env.BATCHSCOPE_TRUSTED_PROXIES = "127.0.0.1";
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
