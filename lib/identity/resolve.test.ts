import { describe, expect, it } from "vitest";
import { PEER_HEADER, peerStamp } from "./peer";
import { decodePrincipal, resolveIdentity } from "./resolve";

/** Headers as server.ts passes them on for a connection from `peer`. */
const from = (peer: string, headers: Record<string, string> = {}) => new Headers({ ...headers, [PEER_HEADER]: peerStamp(peer) });
const PROXY = "10.0.0.4";

const principal = (claims: { typ: string; val: string }[], extra: object = {}) =>
  Buffer.from(
    JSON.stringify({ auth_typ: "aad", name_typ: "name", role_typ: "http://schemas.microsoft.com/ws/2008/06/identity/claims/role", claims, ...extra }),
  ).toString("base64");

describe("resolveIdentity without a configured source", () => {
  it("is a local operator on the emulator, said so", async () => {
    expect(await resolveIdentity(new Headers(), true, {})).toMatchObject({
      actor: "local-operator",
      role: "operator",
      source: "local",
      note: expect.stringMatching(/no sign-in is configured/),
    });
  });

  it("is a viewer with every action refused against a real account, whatever headers are sent", async () => {
    const id = await resolveIdentity(new Headers({ "x-forwarded-email": "mallory@example.com", "x-forwarded-groups": "ops" }), false, {});
    expect(id).toMatchObject({ role: "viewer", source: "none", actionsRefused: expect.stringMatching(/No identity source is configured/) });
    expect(id.actor).not.toContain("mallory");
  });
});

describe("oauth2-proxy", () => {
  const env = { BATCHSCOPE_IDENTITY: "oauth2-proxy", BATCHSCOPE_OPERATOR_GROUPS: "batch-ops", BATCHSCOPE_TRUSTED_PROXIES: "10.0.0.0/29" };

  it("an operator group member is an operator; groups match in any case", async () => {
    expect(await resolveIdentity(from(PROXY, { "x-forwarded-email": "ana@example.com", "x-forwarded-groups": "devs, Batch-Ops" }), false, env)).toEqual({
      actor: "ana@example.com",
      role: "operator",
      source: "proxy",
    });
  });

  it("reads groups sent as one header line per group, as oauth2-proxy sends them", async () => {
    const headers = new Headers([
      ["x-forwarded-email", "ana@example.com"],
      ["x-forwarded-groups", "devs"],
      ["x-forwarded-groups", "batch-ops"],
      [PEER_HEADER, peerStamp(PROXY)],
    ]);
    expect(await resolveIdentity(headers, false, env)).toMatchObject({ actor: "ana@example.com", role: "operator" });
  });

  it("anyone else is a viewer, told why", async () => {
    expect(await resolveIdentity(from(PROXY, { "x-forwarded-email": "bo@example.com", "x-forwarded-groups": "devs" }), true, env)).toMatchObject({
      actor: "bo@example.com",
      role: "viewer",
      actionsRefused: expect.stringMatching(/viewer.*BATCHSCOPE_OPERATOR_GROUPS/),
    });
  });

  it("missing headers → viewer with actions refused, even on the emulator", async () => {
    expect(await resolveIdentity(from(PROXY), true, env)).toMatchObject({
      role: "viewer",
      source: "none",
      actionsRefused: expect.stringMatching(/x-forwarded-email/),
    });
  });

  it("an operator's headers from a peer outside BATCHSCOPE_TRUSTED_PROXIES make no one: the request is anonymous", async () => {
    const forged = { "x-forwarded-email": "mallory@example.com", "x-forwarded-groups": "batch-ops" };
    for (const headers of [from("10.0.0.9", forged), from("::ffff:192.168.1.20", forged), new Headers(forged)]) {
      const id = await resolveIdentity(headers, true, env);
      expect(id).toMatchObject({ actor: "anonymous", role: "viewer", source: "none", actionsRefused: expect.stringMatching(/BATCHSCOPE_TRUSTED_PROXIES/) });
    }
    expect(await resolveIdentity(from("::ffff:10.0.0.5", forged), false, env)).toMatchObject({ actor: "mallory@example.com", role: "operator" });
  });

  it("a peer stamp without this process's secret counts as no peer (the app run without server.ts)", async () => {
    const headers = new Headers({ "x-forwarded-email": "mallory@example.com", "x-forwarded-groups": "batch-ops", [PEER_HEADER]: `guess ${PROXY}` });
    expect(await resolveIdentity(headers, false, env)).toMatchObject({ actor: "anonymous", role: "viewer" });
  });
});

describe("App Service with BATCHSCOPE_TRUSTED_PROXIES set", () => {
  it("counts the principal only from those peers", async () => {
    const env = { BATCHSCOPE_IDENTITY: "app-service", BATCHSCOPE_OPERATOR_GROUPS: "ops", BATCHSCOPE_TRUSTED_PROXIES: "169.254.0.0/16" };
    const headers = { "x-ms-client-principal-name": "ana", "x-ms-client-principal": principal([{ typ: "groups", val: "ops" }]) };
    expect(await resolveIdentity(from("169.254.129.3", headers), false, env)).toMatchObject({ actor: "ana", role: "operator" });
    expect(await resolveIdentity(from("10.1.1.1", headers), false, env)).toMatchObject({ actor: "anonymous", role: "viewer" });
  });
});

describe("app-service", () => {
  const env = { BATCHSCOPE_IDENTITY: "app-service", BATCHSCOPE_OPERATOR_GROUPS: "11111111-2222-3333-4444-555555555555,BatchOperator" };

  it("reads groups and app roles from X-MS-CLIENT-PRINCIPAL and the name from X-MS-CLIENT-PRINCIPAL-NAME", async () => {
    const byGroup = new Headers({
      "x-ms-client-principal-name": "ana@contoso.com",
      "x-ms-client-principal": principal([{ typ: "groups", val: "11111111-2222-3333-4444-555555555555" }]),
    });
    expect(await resolveIdentity(byGroup, false, env)).toEqual({ actor: "ana@contoso.com", role: "operator", source: "proxy" });
    const byRole = new Headers({
      "x-ms-client-principal": principal([
        { typ: "name", val: "Bo" },
        { typ: "http://schemas.microsoft.com/ws/2008/06/identity/claims/role", val: "BatchOperator" },
      ]),
    });
    expect(await resolveIdentity(byRole, false, env)).toEqual({ actor: "Bo", role: "operator", source: "proxy" });
    const viewer = new Headers({ "x-ms-client-principal-name": "cy@contoso.com", "x-ms-client-principal": principal([{ typ: "groups", val: "other" }]) });
    expect(await resolveIdentity(viewer, false, env)).toMatchObject({ role: "viewer" });
  });

  it("a principal that is not base64 JSON gives no groups", async () => {
    expect(decodePrincipal("not json")).toBeUndefined();
    for (const json of ["null", "42", '"ops"']) expect(decodePrincipal(Buffer.from(json).toString("base64")), json).toBeUndefined();
    const odd = Buffer.from(JSON.stringify({ claims: [null, "groups", { typ: "groups", val: "ops" }] })).toString("base64");
    expect(decodePrincipal(odd)).toEqual({ groups: ["ops"] });
    expect(await resolveIdentity(new Headers({ "x-ms-client-principal-name": "ana", "x-ms-client-principal": "%%%" }), false, env)).toMatchObject({
      role: "viewer",
      actor: "ana",
    });
  });
});

describe("headers", () => {
  it("uses the configured names and strips control characters from the user", async () => {
    const env = {
      BATCHSCOPE_IDENTITY: "headers",
      BATCHSCOPE_IDENTITY_USER_HEADER: "X-User",
      BATCHSCOPE_IDENTITY_GROUPS_HEADER: "X-Groups",
      BATCHSCOPE_OPERATOR_GROUPS: "ops",
      BATCHSCOPE_TRUSTED_PROXIES: "fd00::/8",
    };
    expect(await resolveIdentity(from("fd00::1", { "x-user": "ana\u001b[31m", "x-groups": "ops" }), false, env)).toEqual({
      actor: "ana[31m",
      role: "operator",
      source: "proxy",
    });
  });
});
