import { describe, expect, it } from "vitest";
import { IdentityConfigError, readIdentityConfig } from "./config";

describe("readIdentityConfig", () => {
  it("is undefined when nothing is set", () => {
    expect(readIdentityConfig({})).toBeUndefined();
  });

  it("uses the presets' header names", () => {
    expect(readIdentityConfig({ BATCHSCOPE_IDENTITY: "app-service", BATCHSCOPE_OPERATOR_GROUPS: "Batch-Operators, 0000-guid" })).toEqual({
      source: "app-service",
      userHeader: "x-ms-client-principal-name",
      groupsHeader: "x-ms-client-principal",
      operatorGroups: ["batch-operators", "0000-guid"],
    });
    expect(readIdentityConfig({ BATCHSCOPE_IDENTITY: "oauth2-proxy", BATCHSCOPE_TRUSTED_PROXIES: "10.0.0.4" })).toMatchObject({
      userHeader: "x-forwarded-email",
      groupsHeader: "x-forwarded-groups",
      operatorGroups: [],
    });
  });

  it("lets the header names override a preset, and requires both for headers", () => {
    expect(
      readIdentityConfig({ BATCHSCOPE_IDENTITY: "oauth2-proxy", BATCHSCOPE_IDENTITY_USER_HEADER: "X-Forwarded-User", BATCHSCOPE_TRUSTED_PROXIES: "10.0.0.4" }),
    ).toMatchObject({
      userHeader: "x-forwarded-user",
      groupsHeader: "x-forwarded-groups",
    });
    expect(() => readIdentityConfig({ BATCHSCOPE_IDENTITY: "headers", BATCHSCOPE_IDENTITY_GROUPS_HEADER: "X-Groups" })).toThrow(
      /BATCHSCOPE_IDENTITY_USER_HEADER/,
    );
    expect(() => readIdentityConfig({ BATCHSCOPE_IDENTITY: "headers", BATCHSCOPE_IDENTITY_USER_HEADER: "X-User" })).toThrow(
      /BATCHSCOPE_IDENTITY_GROUPS_HEADER/,
    );
    expect(
      readIdentityConfig({
        BATCHSCOPE_IDENTITY: "headers",
        BATCHSCOPE_IDENTITY_USER_HEADER: "X-User",
        BATCHSCOPE_IDENTITY_GROUPS_HEADER: "X-Groups",
        BATCHSCOPE_TRUSTED_PROXIES: "10.0.0.0/8",
      }),
    ).toMatchObject({ source: "headers", userHeader: "x-user" });
  });

  it("needs no trusted proxies for App Service, whose front ends are the only way in, but honours them when set", () => {
    expect(readIdentityConfig({ BATCHSCOPE_IDENTITY: "app-service" })?.trustedProxies).toBeUndefined();
    expect(
      readIdentityConfig({ BATCHSCOPE_IDENTITY: "app-service", BATCHSCOPE_TRUSTED_PROXIES: "169.254.0.0/16" })?.trustedProxies?.trusts("169.254.1.2"),
    ).toBe(true);
  });

  it.each([
    [{ BATCHSCOPE_IDENTITY: "azure-ad" }, /^BATCHSCOPE_IDENTITY must be one of app-service, oauth2-proxy, headers/],
    [
      { BATCHSCOPE_IDENTITY: "headers", BATCHSCOPE_IDENTITY_USER_HEADER: "X User", BATCHSCOPE_IDENTITY_GROUPS_HEADER: "g" },
      /^BATCHSCOPE_IDENTITY_USER_HEADER must be an HTTP header name/,
    ],
    [{ BATCHSCOPE_OPERATOR_GROUPS: "ops" }, /^BATCHSCOPE_OPERATOR_GROUPS is set but BATCHSCOPE_IDENTITY is not/],
    [{ BATCHSCOPE_IDENTITY_USER_HEADER: "X-User" }, /^BATCHSCOPE_IDENTITY_USER_HEADER is set but BATCHSCOPE_IDENTITY is not/],
    [{ BATCHSCOPE_IDENTITY: "oauth2-proxy" }, /^BATCHSCOPE_TRUSTED_PROXIES must list the sign-in proxy's addresses/],
    [{ BATCHSCOPE_IDENTITY: "oauth2-proxy", BATCHSCOPE_TRUSTED_PROXIES: " , " }, /^BATCHSCOPE_TRUSTED_PROXIES is empty/],
    [{ BATCHSCOPE_IDENTITY: "oauth2-proxy", BATCHSCOPE_TRUSTED_PROXIES: "10.0.0.1, proxy.internal" }, /^BATCHSCOPE_TRUSTED_PROXIES holds "proxy.internal"/],
    [{ BATCHSCOPE_IDENTITY: "oauth2-proxy", BATCHSCOPE_TRUSTED_PROXIES: "10.0.0.0/33" }, /prefix length is not valid/],
    [{ BATCHSCOPE_TRUSTED_PROXIES: "10.0.0.1" }, /^BATCHSCOPE_TRUSTED_PROXIES is set but BATCHSCOPE_IDENTITY is not/],
  ])("a mistake names its variable: %o", (env, says) => {
    expect(() => readIdentityConfig(env)).toThrow(IdentityConfigError);
    expect(() => readIdentityConfig(env)).toThrow(says);
  });
});
