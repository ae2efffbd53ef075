import { describe, expect, it } from "vitest";
import { formatText, identityText, plain, skewText, versionText } from "@/lib/doctor/format";
import type { DoctorReport } from "@/lib/doctor/report";

const report: DoctorReport = {
  startedAt: "2026-12-02T09:00:00.000Z",
  elapsedMs: 1234,
  ok: false,
  accounts: [
    {
      name: "prod",
      batchAccountName: "prodbatch",
      url: "https://prodbatch.westeurope.batch.azure.com",
      simulated: false,
      embedded: false,
      identity: { kind: "sharedKey", accountName: "prodbatch" },
      apiVersions: [{ version: "2025-06-01", requests: 2 }],
      checks: [
        {
          id: "pools",
          title: "Pools and node counts (account page)",
          status: "failed",
          ms: 41,
          requests: [],
          problem: {
            kind: "auth",
            status: 403,
            code: "AuthenticationFailed",
            requestId: "r-1",
            message: "Server failed to authenticate the request.",
            summary: "Authentication failed: it was refused.",
          },
        },
        { id: "pool", title: "Pool (none): details", status: "skipped", ms: 0, detail: "not run: authentication failed", requests: [] },
      ],
      ok: false,
    },
  ],
};

describe("formatText", () => {
  it("prints each account, what it used, and each check with Batch's code and request id when it failed", () => {
    expect(formatText(report)).toBe(
      [
        "Batchscope doctor, 2026-12-02T09:00:00.000Z",
        "",
        "Account prod at https://prodbatch.westeurope.batch.azure.com",
        "  identity     shared key of Batch account prodbatch",
        "  api-version  2025-06-01 sent on 2 requests, not known whether the account accepts it (no request got that far)",
        "  clock        not known: Batch never answered",
        "  FAIL  Pools and node counts (account page) (41 ms)",
        "        Authentication failed: it was refused.",
        "        HTTP 403, AuthenticationFailed, request id r-1: Server failed to authenticate the request.",
        "  skip  Pool (none): details                  not run: authentication failed",
        "",
        "1 of 2 checks failed, 1 not run (1.2 s).",
        "",
      ].join("\n"),
    );
  });

  it("sums up a pass, counting the checks that had nothing to read apart", () => {
    const pass: DoctorReport = {
      ...report,
      ok: true,
      accounts: [
        {
          ...report.accounts[0]!,
          simulated: true,
          embedded: true,
          checks: [
            { id: "a", title: "A", status: "ok", ms: 3, detail: "2 pools", requests: [] },
            { ...report.accounts[0]!.checks[1]!, detail: "no pool" },
          ],
        },
      ],
    };
    const text = formatText(pass);
    expect(text).toContain("Account prod at https://prodbatch.westeurope.batch.azure.com (simulated: the embedded emulator, as no account is configured)\n");
    // Titles are padded to the longest of the account's, so the findings line up.
    expect(text).toContain(`  ok    ${"A".padEnd("Pool (none): details".length)}  2 pools (3 ms)\n`);
    expect(text).toContain("  skip  Pool (none): details  no pool\n");
    expect(text.trimEnd().split("\n").at(-1)).toBe("All 1 checks passed (1 skipped: nothing to read) in 1.2 s.");
  });

  it("folds the checks left out for one reason into one line, and keeps the others", () => {
    const a = report.accounts[0]!;
    const left = (id: string, detail = "not run: the service cannot be reached") => ({
      id,
      title: id,
      status: "skipped" as const,
      ms: 0,
      detail,
      requests: [],
    });
    const text = formatText({ ...report, accounts: [{ ...a, checks: [a.checks[0]!, left("b"), left("c"), left("d"), left("e", "no pool")] }] });
    expect(text).toContain("\n  skip  3 further checks not run: the service cannot be reached\n  skip  e");
    expect(text).not.toMatch(/^  skip  [bcd] /m);
  });

  it("never lets Batch's text drive the terminal", () => {
    expect(plain("bad\u001b[31m red\r\nline\u0007")).toBe("bad [31m red line");
  });
});

describe("the header lines", () => {
  it("the clock: in step within two seconds (the Date header counts whole seconds), else ahead or behind", () => {
    expect(skewText(undefined)).toBe("not known: Batch never answered");
    expect(skewText(-1_999)).toBe("the service's clock and this machine's agree (within 2 s)");
    expect(skewText(90_400)).toMatch(/^the service's clock is 90 s ahead of this machine's/);
    expect(skewText(-3_000)).toMatch(/^the service's clock is 3 s behind this machine's/);
  });

  it("the identity: shared key by account, Entra ID by the principal the token names", () => {
    expect(identityText({ kind: "sharedKey", accountName: "a" })).toBe("shared key of Batch account a");
    expect(identityText({ kind: "entra", principal: { appid: "app", oid: "obj", tid: "t", expires: "2026-12-02T10:00:00.000Z" } })).toBe(
      "Microsoft Entra ID (DefaultAzureCredential): app app, object obj, tenant t, token valid until 2026-12-02T10:00:00.000Z",
    );
    expect(identityText({ kind: "entra", note: "no token was obtained" })).toBe("Microsoft Entra ID (DefaultAzureCredential): no token was obtained");
  });

  it("the api-version: accepted, refused, or not known", () => {
    expect(versionText({ version: "2025-06-01", requests: 1, accepted: true })).toBe("2025-06-01 sent on 1 request, accepted by the account");
    expect(versionText({ version: "2031-01-01", requests: 3, accepted: false })).toBe("2031-01-01 sent on 3 requests, REFUSED by the account");
  });
});
