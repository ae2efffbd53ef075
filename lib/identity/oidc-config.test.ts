import { describe, expect, it } from "vitest";
import { IdentityConfigError, readIdentityConfig } from "./config";
import { isLoopbackHost } from "./oidc-config";

const OIDC = {
  BATCHSCOPE_IDENTITY: "oidc",
  BATCHSCOPE_OIDC_ISSUER: "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001/v2.0",
  BATCHSCOPE_OIDC_CLIENT_ID: "client",
  BATCHSCOPE_OIDC_CLIENT_SECRET: "secret",
  BATCHSCOPE_PUBLIC_URL: "https://batchscope.contoso.com/",
  BATCHSCOPE_SESSION_SECRET: "s".repeat(32),
  BATCHSCOPE_OPERATOR_GROUPS: "Batch-Operators, BatchOperator",
};

describe("BATCHSCOPE_IDENTITY=oidc", () => {
  it("reads the provider, the public address (the redirect URI) and the operator groups", () => {
    const config = readIdentityConfig(OIDC);
    expect(config).toMatchObject({
      source: "oidc",
      operatorGroups: ["batch-operators", "batchoperator"],
      oidc: {
        clientId: "client",
        publicUrl: "https://batchscope.contoso.com",
        redirectUri: "https://batchscope.contoso.com/auth/callback",
        secureCookies: true,
      },
    });
    expect(config?.source === "oidc" && config.oidc.issuer.href).toBe(OIDC.BATCHSCOPE_OIDC_ISSUER);
  });

  it("allows a plain-http issuer and public address on loopback; the cookie is then not Secure", () => {
    for (const issuer of ["http://127.0.0.1:8080", "http://127.9.9.9", "http://localhost:3000/realms/x", "http://[::1]:9000"]) {
      expect(readIdentityConfig({ ...OIDC, BATCHSCOPE_OIDC_ISSUER: issuer }), issuer).toMatchObject({ source: "oidc" });
    }
    expect(readIdentityConfig({ ...OIDC, BATCHSCOPE_PUBLIC_URL: "http://127.0.0.1:3000" })).toMatchObject({ oidc: { secureCookies: false } });
  });

  it.each([
    [{ BATCHSCOPE_OIDC_ISSUER: undefined }, /^BATCHSCOPE_OIDC_ISSUER must be set/],
    [{ BATCHSCOPE_OIDC_ISSUER: "http://login.contoso.com" }, /^BATCHSCOPE_OIDC_ISSUER must be an https:\/\/ URL; http:\/\/ is allowed only on a loopback/],
    [{ BATCHSCOPE_OIDC_ISSUER: "http://127.0.0.1.nip.io" }, /^BATCHSCOPE_OIDC_ISSUER .*loopback/],
    [{ BATCHSCOPE_OIDC_ISSUER: "http://10.0.0.4" }, /^BATCHSCOPE_OIDC_ISSUER .*loopback/],
    [{ BATCHSCOPE_OIDC_ISSUER: "login.microsoftonline.com" }, /^BATCHSCOPE_OIDC_ISSUER must be an absolute https:\/\/ URL/],
    [{ BATCHSCOPE_OIDC_ISSUER: "ftp://x" }, /^BATCHSCOPE_OIDC_ISSUER must be an https:\/\/ URL/],
    [{ BATCHSCOPE_OIDC_CLIENT_ID: " " }, /^BATCHSCOPE_OIDC_CLIENT_ID must be set/],
    [{ BATCHSCOPE_OIDC_CLIENT_SECRET: undefined }, /^BATCHSCOPE_OIDC_CLIENT_SECRET must be set/],
    [{ BATCHSCOPE_PUBLIC_URL: undefined }, /^BATCHSCOPE_PUBLIC_URL must be set/],
    [{ BATCHSCOPE_PUBLIC_URL: "https://batchscope.contoso.com/app" }, /^BATCHSCOPE_PUBLIC_URL must be the dashboard's origin/],
    [{ BATCHSCOPE_PUBLIC_URL: "https://batchscope.contoso.com/?x=1" }, /^BATCHSCOPE_PUBLIC_URL must not carry/],
    [{ BATCHSCOPE_SESSION_SECRET: undefined }, /^BATCHSCOPE_SESSION_SECRET must be set/],
    [{ BATCHSCOPE_SESSION_SECRET: "s".repeat(31) }, /^BATCHSCOPE_SESSION_SECRET must be at least 32 characters \(got 31\)/],
    [{ BATCHSCOPE_IDENTITY_USER_HEADER: "X-User" }, /^BATCHSCOPE_IDENTITY_USER_HEADER has no meaning with BATCHSCOPE_IDENTITY=oidc/],
  ])("a mistake stops start-up naming the variable: %o", (patch, says) => {
    const env = { ...OIDC, ...patch };
    expect(() => readIdentityConfig(env)).toThrow(IdentityConfigError);
    expect(() => readIdentityConfig(env)).toThrow(says);
  });

  it("a sign-in variable without BATCHSCOPE_IDENTITY is a mistake (it would do nothing); the public URL alone is not", () => {
    expect(() => readIdentityConfig({ BATCHSCOPE_OIDC_ISSUER: OIDC.BATCHSCOPE_OIDC_ISSUER })).toThrow(
      /^BATCHSCOPE_OIDC_ISSUER is set but BATCHSCOPE_IDENTITY is not/,
    );
    expect(readIdentityConfig({ BATCHSCOPE_PUBLIC_URL: OIDC.BATCHSCOPE_PUBLIC_URL })).toBeUndefined();
  });

  it("never repeats the secrets in a message", () => {
    try {
      readIdentityConfig({ ...OIDC, BATCHSCOPE_SESSION_SECRET: "hunter2-short" });
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).not.toContain("hunter2");
    }
  });
});

describe("isLoopbackHost", () => {
  it("is 127.0.0.0/8, ::1 and localhost only", () => {
    for (const h of ["127.0.0.1", "127.255.0.3", "localhost", "LOCALHOST", "[::1]", "::1"]) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ["127.0.0.1.nip.io", "128.0.0.1", "10.0.0.1", "::2", "[::ffff:10.0.0.1]", "localhost.evil.example", "0.0.0.0"]) {
      expect(isLoopbackHost(h), h).toBe(false);
    }
  });
});
