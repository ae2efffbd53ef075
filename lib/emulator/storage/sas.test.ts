import { describe, it, expect } from "vitest";
import { checkSas, parseSas, redactSignature } from "./sas";

const NOW = Date.parse("2025-06-01T12:00:00Z");
const q = (s: string) => new URLSearchParams(s);

describe("parseSas", () => {
  it("returns undefined for a URL without SAS parameters", () => {
    expect(parseSas(q(""))).toBeUndefined();
    expect(parseSas(q("restype=container&comp=list"))).toBeUndefined();
  });

  it("reads sp, se, st and sig", () => {
    const sas = parseSas(q("sv=2022-11-02&sp=rl&st=2025-01-01T00:00:00Z&se=2030-01-01T00:00:00Z&sr=c&sig=abc%2Bdef%3D"));
    expect(sas).toEqual({
      permissions: "rl",
      start: new Date("2025-01-01T00:00:00Z"),
      expiry: new Date("2030-01-01T00:00:00Z"),
      signature: "abc+def=",
      resource: "c",
    });
  });

  it("keeps an unparseable expiry as an invalid date rather than dropping it", () => {
    expect(Number.isNaN(parseSas(q("sp=r&se=tomorrow&sig=x"))?.expiry?.getTime())).toBe(true);
  });
});

describe("checkSas", () => {
  const check = (query: string) => checkSas(parseSas(q(query)), { target: "object", permissions: [["r"]] }, NOW);

  it("accepts a valid read SAS", () => {
    expect(check("sp=r&se=2030-01-01T00:00:00Z&sig=x")).toBeUndefined();
  });

  it("answers 401 without a signature", () => {
    expect(check("")).toMatchObject({ status: 401, errorCode: "NoAuthenticationInformation" });
    expect(check("sp=r&se=2030-01-01T00:00:00Z")).toMatchObject({ status: 401 });
  });

  it("answers 403 AuthenticationFailed outside the validity window", () => {
    expect(check("sp=r&se=2025-06-01T11:59:59Z&sig=x")).toMatchObject({
      status: 403,
      errorCode: "AuthenticationFailed",
      authenticationErrorDetail: expect.stringContaining("Signature not valid in the specified time frame"),
    });
    expect(check("sp=r&st=2025-06-01T12:00:01Z&se=2030-01-01&sig=x")).toMatchObject({ errorCode: "AuthenticationFailed" });
    expect(check("sp=r&sig=x")).toMatchObject({ errorCode: "AuthenticationFailed" });
  });

  it("answers 403 AuthorizationPermissionMismatch without the needed letter", () => {
    expect(check("sp=w&se=2030-01-01&sig=x")).toMatchObject({ status: 403, errorCode: "AuthorizationPermissionMismatch" });
  });

  it("accepts any one of a set of alternative letters", () => {
    const sas = parseSas(q("sp=c&se=2030-01-01&sig=x"));
    expect(checkSas(sas, { target: "object", permissions: [["w", "c"]] }, NOW)).toBeUndefined();
  });

  it("rejects account SAS without the blob service or the right resource type", () => {
    const list = { target: "container" as const, permissions: [["l"]] };
    expect(checkSas(parseSas(q("ss=q&srt=sco&sp=l&se=2030-01-01&sig=x")), list, NOW)).toMatchObject({
      errorCode: "AuthorizationServiceMismatch",
    });
    expect(checkSas(parseSas(q("ss=b&srt=o&sp=l&se=2030-01-01&sig=x")), list, NOW)).toMatchObject({
      errorCode: "AuthorizationResourceTypeMismatch",
    });
    expect(checkSas(parseSas(q("sr=b&sp=rl&se=2030-01-01&sig=x")), list, NOW)).toMatchObject({
      errorCode: "AuthorizationResourceTypeMismatch",
    });
  });
});

describe("redactSignature", () => {
  it("hides only the sig value", () => {
    expect(redactSignature("https://a.blob.core.windows.net/c?sv=1&sig=se%2Fcret&sp=r")).toBe("https://a.blob.core.windows.net/c?sv=1&sig=REDACTED&sp=r");
  });
});
