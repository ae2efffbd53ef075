import { describe, expect, it } from "vitest";
import { describeProblem, type FailureFacts } from "@/lib/doctor/problem";

const facts = (info: FailureFacts["info"], extra: Partial<FailureFacts> = {}): FailureFacts => ({
  info,
  accountUrl: "https://prod.westeurope.batch.azure.com",
  credential: "sharedKey",
  batchAccountName: "prodbatch",
  ...extra,
});

describe("describeProblem: refused credentials", () => {
  it("a refused shared key is an authentication failure naming the account, with Batch's code and request id kept", () => {
    const p = describeProblem(
      facts({ kind: "auth", status: 403, code: "AuthenticationFailed", message: "Server failed to authenticate the request.", requestId: "r-1" }),
    );
    expect(p).toEqual({
      kind: "auth",
      status: 403,
      code: "AuthenticationFailed",
      message: "Server failed to authenticate the request.",
      requestId: "r-1",
      summary:
        "Authentication failed: Batch refused the shared key for Batch account prodbatch (is it the account's current key, and the account name right?).",
    });
  });

  it("a refused token, and a 403 that is a missing permission, say different things", () => {
    expect(describeProblem(facts({ kind: "auth", status: 401, message: "x" }, { credential: "entra" })).summary).toMatch(
      /^Authentication failed: Batch refused the Microsoft Entra ID token/,
    );
    expect(describeProblem(facts({ kind: "auth", status: 403, code: "Forbidden", message: "x" }, { credential: "entra" })).summary).toMatch(
      /^Batch refused this read: the identity is not allowed/,
    );
  });
});

describe("describeProblem: an unreachable service, or a fault of its own", () => {
  it("says why the service cannot be reached, from Node's error code", () => {
    const refused = describeProblem(
      facts({ kind: "network", status: 0, code: "ECONNREFUSED", message: "request to https://x/pools failed, reason: connect ECONNREFUSED 10.0.0.1:443" }),
    );
    expect(refused).toMatchObject({
      kind: "network",
      summary: "The Batch service cannot be reached at https://prod.westeurope.batch.azure.com: connection refused: nothing listens at that address and port.",
    });
    const dns = describeProblem(
      facts({ kind: "network", status: 0, code: "REQUEST_SEND_ERROR", message: "request to https://x failed, reason: getaddrinfo ENOTFOUND x" }),
    );
    expect(dns.summary).toContain(": the host name does not resolve (DNS).");
    const slow = describeProblem(facts({ kind: "network", status: 0, code: "REQUEST_ABORTED_ERROR", message: "The request was aborted" }));
    expect(slow).toMatchObject({
      kind: "timeout",
      summary: "The Batch service cannot be reached at https://prod.westeurope.batch.azure.com: no answer in time.",
    });
    expect(describeProblem(facts({ kind: "network", status: 0, code: "EPROTO", message: "something else" })).summary).toBe(
      "The Batch service cannot be reached at https://prod.westeurope.batch.azure.com.",
    );
  });

  it("an error with neither status nor code is the doctor's own fault, not an unreachable service", () => {
    const p = describeProblem(facts({ kind: "network", status: 0, message: "Cannot read properties of undefined (reading 'id')" }));
    expect(p.kind).toBe("internal");
    expect(p.summary).toMatch(/^The check itself failed: a fault in Batchscope, not in the account/);
  });
});

describe("describeProblem: the credential", () => {
  it("an @azure/identity failure is about the credential, not the network", () => {
    const p = describeProblem(
      facts(
        { kind: "network", status: 0, message: "DefaultAzureCredential failed to retrieve a token" },
        { errorName: "AggregateAuthenticationError", credential: "entra" },
      ),
    );
    expect(p.kind).toBe("credential");
    expect(p.summary).toMatch(/^Microsoft Entra ID gave no token for Azure Batch/);
  });
});

describe("describeProblem: what Batch refused", () => {
  it("names the api-version the account refused, from Batch's error values", () => {
    const values = [
      { key: "QueryParameterName", value: "api-version" },
      { key: "QueryParameterValue", value: "2031-01-01" },
    ];
    const p = describeProblem(
      facts(
        {
          kind: "badRequest",
          status: 400,
          code: "InvalidQueryParameterValue",
          message: "Value for one of the query parameters specified in the request URI is invalid.",
        },
        { values },
      ),
    );
    expect(p).toMatchObject({ rejectedApiVersion: "2031-01-01", summary: "The account does not accept api-version 2031-01-01." });
    // Another parameter's bad value is not about the version.
    const other = describeProblem(
      facts(
        { kind: "badRequest", status: 400, code: "InvalidQueryParameterValue", message: "m" },
        { values: [{ key: "QueryParameterName", value: "$filter" }], sentApiVersion: "2025-06-01" },
      ),
    );
    expect(other.rejectedApiVersion).toBeUndefined();
    expect(other.summary).toBe("Batch refused the read (HTTP 400 InvalidQueryParameterValue).");
  });

  it("throttling says when to come back", () => {
    expect(describeProblem(facts({ kind: "throttled", status: 429, code: "TooManyRequests", message: "m", retryAfterSeconds: 30 })).summary).toBe(
      "Batch is throttling this account's requests (retry after 30 s).",
    );
  });
});
