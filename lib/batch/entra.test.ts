import type { AccessToken, TokenCredential } from "@azure/identity";
import { WebResource } from "@azure/ms-rest-js";
import { describe, expect, it } from "vitest";
import { BATCH_SCOPE, BatchTokenCredentials } from "@/lib/batch/entra";

/** A token source that records the scopes it was asked for (DefaultAzureCredential in production). */
function tokens(lifetimeMs: number) {
  const scopes: string[] = [];
  let n = 0;
  const credential: TokenCredential = {
    getToken: async (scope) => {
      scopes.push(...[scope].flat());
      return { token: `token-${++n}`, expiresOnTimestamp: Date.now() + lifetimeMs } satisfies AccessToken;
    },
  };
  return { credential, scopes };
}

describe("BatchTokenCredentials", () => {
  it("asks for the Batch audience, not ARM's, and signs with a bearer token", async () => {
    const { credential, scopes } = tokens(3_600_000);
    const req = await new BatchTokenCredentials(credential).signRequest(new WebResource("https://a.batch.azure.com/pools", "GET"));
    expect(scopes).toEqual(["https://batch.core.windows.net//.default"]);
    expect(BATCH_SCOPE).toBe("https://batch.core.windows.net//.default");
    expect(req.headers.get("authorization")).toBe("Bearer token-1");
  });

  it("reuses a token until five minutes before it expires, and shares one refresh", async () => {
    const long = tokens(3_600_000);
    const creds = new BatchTokenCredentials(long.credential);
    await Promise.all(Array.from({ length: 10 }, () => creds.signRequest(new WebResource("https://a/pools", "GET"))));
    expect(long.scopes).toHaveLength(1);

    const short = tokens(60_000);
    const expiring = new BatchTokenCredentials(short.credential);
    await expiring.signRequest(new WebResource("https://a/pools", "GET"));
    const second = await expiring.signRequest(new WebResource("https://a/pools", "GET"));
    expect(short.scopes).toHaveLength(2);
    expect(second.headers.get("authorization")).toBe("Bearer token-2");
  });
});
