import { describe, expect, it } from "vitest";
import { accountOk, summariseApiVersions, type CheckResult, type WireRequest } from "@/lib/doctor/report";

const req = (apiVersion: string | undefined, status?: number): WireRequest => ({
  method: "GET",
  path: "/pools",
  ...(apiVersion ? { apiVersion } : {}),
  ...(status !== undefined ? { status } : {}),
});
const check = (requests: WireRequest[], extra: Partial<CheckResult> = {}): CheckResult => ({ id: "c", title: "c", status: "ok", ms: 1, requests, ...extra });

describe("summariseApiVersions", () => {
  it("counts each version sent, accepted once the account answered a request past its version check", () => {
    const uses = summariseApiVersions([check([req("2025-06-01", 200), req("2025-06-01", 404)]), check([req("2025-06-01", 409)])]);
    expect(uses).toEqual([{ version: "2025-06-01", requests: 3, accepted: true }]);
  });

  it("a refused version is marked refused; one only ever refused for other reasons, or never answered, is not known", () => {
    const uses = summariseApiVersions([
      check([req("2031-01-01", 400)], {
        status: "failed",
        problem: { kind: "badRequest", status: 400, message: "m", summary: "s", rejectedApiVersion: "2031-01-01" },
      }),
      check([req("2025-06-01", 403)]),
      check([req("2024-07-01")]),
      check([req(undefined, 400)]),
    ]);
    expect(uses).toEqual([
      { version: "2031-01-01", requests: 1, accepted: false },
      { version: "2025-06-01", requests: 1 },
      { version: "2024-07-01", requests: 1 },
      { version: "(none)", requests: 1 },
    ]);
  });
});

describe("accountOk", () => {
  it("fails on a failed check only: nothing to read is not a failure", () => {
    expect(accountOk([check([]), check([], { status: "skipped" })])).toBe(true);
    expect(accountOk([check([]), check([], { status: "failed" })])).toBe(false);
  });
});
