import { describe, expect, it } from "vitest";
import { signInGate } from "./gate";
import { PEER_HEADER, peerStamp } from "./peer";
import { resolveIdentity } from "./resolve";
import { sealSession } from "./session";

const SECRET = "s".repeat(40);
const OIDC = {
  BATCHSCOPE_IDENTITY: "oidc",
  BATCHSCOPE_OIDC_ISSUER: "https://login.example.com",
  BATCHSCOPE_OIDC_CLIENT_ID: "client",
  BATCHSCOPE_OIDC_CLIENT_SECRET: "secret",
  BATCHSCOPE_PUBLIC_URL: "https://batchscope.example.com",
  BATCHSCOPE_SESSION_SECRET: SECRET,
  BATCHSCOPE_OPERATOR_GROUPS: "Batch-Operators",
};
const PROXY = { BATCHSCOPE_IDENTITY: "oauth2-proxy", BATCHSCOPE_OPERATOR_GROUPS: "ops", BATCHSCOPE_TRUSTED_PROXIES: "10.0.0.4" };
const fromProxy = { [PEER_HEADER]: peerStamp("10.0.0.4") };

const request = (path: string, headers: Record<string, string> = {}, method = "GET") => new Request(`http://10.0.0.5:3000${path}`, { headers, method });
const sessionCookie = async (groups: string[], overage = false) =>
  `other=1; __Host-batchscope-session=${await sealSession({ name: "olga@example.com", sub: "olga", operatorGroups: groups, overage }, SECRET)}`;

describe("signInGate", () => {
  it("lets everything through when no sign-in source is configured", async () => {
    expect(await signInGate(request("/api/accounts"), {})).toBeUndefined();
    expect(await signInGate(request("/demo"), {})).toBeUndefined();
  });

  it("oidc without a session: 401 JSON on the API, a redirect to sign in (path and query kept) on a page", async () => {
    const api = (await signInGate(request("/api/accounts/demo/me"), OIDC))!;
    expect(api.status).toBe(401);
    expect(await api.json()).toEqual({ error: { kind: "auth", status: 401, code: "NotSignedIn", message: expect.stringMatching(/^Not signed in/) } });
    const page = (await signInGate(request("/demo/jobs/j/tasks/t/files/stderr.txt?from=alert"), OIDC))!;
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toBe(
      "https://batchscope.example.com/auth/signin?returnTo=%2Fdemo%2Fjobs%2Fj%2Ftasks%2Ft%2Ffiles%2Fstderr.txt%3Ffrom%3Dalert",
    );
    expect((await signInGate(request("/demo", {}, "POST"), OIDC))!.status).toBe(401);
  });

  it("oidc: the sign-in routes are always open; a valid session passes; an altered one does not", async () => {
    for (const p of ["/auth/signin", "/auth/login?returnTo=/", "/auth/callback?code=x", "/_next/static/chunks/app.js", "/favicon.ico"])
      expect(await signInGate(request(p), OIDC), p).toBeUndefined();
    const cookie = await sessionCookie([]);
    expect(await signInGate(request("/api/accounts", { cookie }), OIDC)).toBeUndefined();
    expect(await signInGate(request("/demo", { cookie }), OIDC)).toBeUndefined();
    // One character of the authentication tag changed (not the last, whose low bits are padding).
    const i = cookie.length - 5;
    const altered = cookie.slice(0, i) + (cookie[i] === "A" ? "B" : "A") + cookie.slice(i + 1);
    expect((await signInGate(request("/api/accounts", { cookie: altered }), OIDC))?.status).toBe(401);
  });

  it("a proxy source without a user: 401 JSON on the API, a page saying the proxy sent no user", async () => {
    expect((await signInGate(request("/api/accounts", fromProxy), PROXY))!.status).toBe(401);
    const page = (await signInGate(request("/demo", fromProxy), PROXY))!;
    expect(page.status).toBe(401);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await page.text()).toMatch(/sign-in proxy .* sent no user \(header x-forwarded-email\)/);
    expect(await signInGate(request("/demo", { ...fromProxy, "x-forwarded-email": "ana@example.com" }), PROXY)).toBeUndefined();
  });

  it("a proxy source: the user's headers from a peer outside BATCHSCOPE_TRUSTED_PROXIES read nothing", async () => {
    const forged = { "x-forwarded-email": "mallory@example.com", "x-forwarded-groups": "ops" };
    expect((await signInGate(request("/api/accounts", { ...forged, [PEER_HEADER]: peerStamp("10.0.0.9") }), PROXY))!.status).toBe(401);
    expect((await signInGate(request("/api/accounts", forged), PROXY))!.status).toBe(401);
  });
});

describe("resolveIdentity with the built-in sign-in", () => {
  it("recomputes the role from the session's operator groups against today's configuration", async () => {
    const headers = new Headers({ cookie: await sessionCookie(["batch-operators"]) });
    expect(await resolveIdentity(headers, false, OIDC)).toEqual({ actor: "olga@example.com", role: "operator", source: "oidc" });
    expect(await resolveIdentity(headers, false, { ...OIDC, BATCHSCOPE_OPERATOR_GROUPS: "someone-else" })).toMatchObject({
      role: "viewer",
      source: "oidc",
      actionsRefused: expect.stringMatching(/BATCHSCOPE_OPERATOR_GROUPS/),
    });
  });

  it("a user whose groups the provider left out (overage) is a viewer, and the note says what to do", async () => {
    const headers = new Headers({ cookie: await sessionCookie([], true) });
    expect(await resolveIdentity(headers, false, OIDC)).toMatchObject({
      role: "viewer",
      source: "oidc",
      note: expect.stringMatching(/group overage.*app role.*groups assigned to the application/),
    });
  });

  it("no session: anonymous, actions refused, even on the emulator", async () => {
    expect(await resolveIdentity(new Headers(), true, OIDC)).toMatchObject({
      role: "viewer",
      source: "none",
      actionsRefused: expect.stringMatching(/sign in/),
    });
  });
});
