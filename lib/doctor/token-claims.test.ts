import { describe, expect, it } from "vitest";
import { principalClaims } from "@/lib/doctor/token-claims";

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
const bearer = (payload: unknown) => `Bearer ${b64({ alg: "RS256", typ: "JWT" })}.${b64(payload)}.c2lnbmF0dXJl`;

describe("principalClaims", () => {
  it("reads who a v1 token names, and when it expires", () => {
    const claims = principalClaims(
      bearer({ appid: "app-1", oid: "obj-1", upn: "ana@contoso.com", tid: "tenant-1", aud: "https://batch.core.windows.net/", exp: 1_800_000_000, scp: "x" }),
    );
    expect(claims).toEqual({
      appid: "app-1",
      oid: "obj-1",
      upn: "ana@contoso.com",
      tid: "tenant-1",
      aud: "https://batch.core.windows.net/",
      expires: "2027-01-15T08:00:00.000Z",
    });
  });

  it("takes a v2 token's azp and preferred_username for the client and the user", () => {
    expect(principalClaims(bearer({ azp: "app-2", preferred_username: "bo@contoso.com", idtyp: "user" }))).toEqual({
      appid: "app-2",
      upn: "bo@contoso.com",
      idtyp: "user",
    });
    expect(principalClaims(bearer({ appid: "app-3", unique_name: "cy@contoso.com" }))).toEqual({ appid: "app-3", upn: "cy@contoso.com" });
  });

  it("keeps only the listed claims, never the signature or other values", () => {
    const claims = principalClaims(bearer({ oid: "o", roles: ["Admin"], secret: "s3cret", exp: "soon" }));
    expect(claims).toEqual({ oid: "o" });
    expect(JSON.stringify(claims)).not.toContain("c2lnbmF0dXJl");
  });

  it("answers undefined for what is not a JWT bearer token", () => {
    expect(principalClaims(undefined)).toBeUndefined();
    expect(principalClaims("SharedKey acct:c2ln")).toBeUndefined();
    expect(principalClaims("Bearer opaque-token")).toBeUndefined();
    expect(principalClaims(`Bearer ${b64({})}.bm90IGpzb24.sig`)).toBeUndefined();
    expect(principalClaims(`Bearer ${b64({})}.${b64([1, 2])}.sig`)).toBeUndefined();
  });
});
