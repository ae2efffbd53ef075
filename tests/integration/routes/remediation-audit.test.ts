import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/audit/open";
import { auditListResponse, auditRecordResponse } from "@/lib/schemas/audit";
import { handlers } from "./route-table";
import { call, callOk, emulatorPerSuite, expectApiError } from "./support";

// The audit routes read the audit file only: filters, paging, one record, and their 400/404s.
const env = emulatorPerSuite({ scenario: "empty", account: "auditor" });
const a = () => env.account;
const list = (q: string) => callOk(handlers.auditGET, `/api/accounts/${a()}/audit${q}`, { account: a() }, auditListResponse);
afterEach(() => {
  delete process.env.BATCHSCOPE_IDENTITY;
  delete process.env.BATCHSCOPE_TRUSTED_PROXIES;
});

async function seed(n: number) {
  const ids: string[] = [];
  const t0 = Date.parse("2026-11-27T08:00:00Z");
  for (let i = 0; i < n; i++) {
    ids.push(
      await auditLog().appendIntent(
        {
          operationId: randomUUID(),
          actor: i % 2 ? "bo" : "ana",
          role: "operator",
          account: a(),
          poolId: i < 3 ? "p1" : "p2",
          nodeId: `tvm-${i % 2}`,
          action: i % 3 ? "reboot" : "remove",
          reason: `reason ${i}`,
        },
        new Date(t0 + i * 3_600_000),
      ),
    );
  }
  return ids;
}

describe("GET /api/accounts/[account]/audit", () => {
  it("lists newest first with node, pool, actor, action and time filters, and pages by cursor, without a Batch call", async () => {
    const ids = await seed(6);
    await auditLog().appendIntent({
      operationId: randomUUID(),
      actor: "ana",
      role: "operator",
      account: "another-account",
      poolId: "p1",
      nodeId: "tvm-0",
      action: "reboot",
      reason: "elsewhere",
    });
    await env.resetStats();
    expect((await list("")).records.map((r) => r.id)).toEqual([...ids].reverse());
    expect((await list("?node=tvm-1")).records.map((r) => r.id)).toEqual([ids[5], ids[3], ids[1]]);
    expect((await list("?pool=p1&action=remove")).records.map((r) => r.id)).toEqual([ids[0]]);
    expect((await list("?actor=bo&pool=p2")).records.map((r) => r.id)).toEqual([ids[5], ids[3]]);
    expect((await list("?from=2026-11-27T09:00:00Z&to=2026-11-27T11:00:00Z")).records.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    const page1 = await list("?limit=4");
    expect(page1.records.map((r) => r.id)).toEqual([ids[5], ids[4], ids[3], ids[2]]);
    const page2 = await list(`?limit=4&cursor=${page1.nextCursor}`);
    expect(page2.records.map((r) => r.id)).toEqual([ids[1], ids[0]]);
    expect(page2.nextCursor).toBeUndefined();
    expect(page1.records.every((r) => r.outcome === "unknown")).toBe(true);
    expect((await env.stats()).total).toBe(0);
  });

  it.each([
    ["action=format", /action/],
    ["node=a%20b", /node/],
    ["from=yesterday", /from.*ISO 8601/],
    ["from=2026-11-27T11:00:00Z&to=2026-11-27T10:00:00Z", /from must be before to/],
    ["cursor=abc", /cursor/],
    ["limit=0", /limit/],
  ])("refuses %s with a 400 naming it", async (q, says) => {
    const e = expectApiError(await call(handlers.auditGET, `/api/accounts/${a()}/audit?${q}`, { account: a() }), "badRequest", 400);
    expect(e.message).toMatch(says);
  });

  it("is readable by a viewer", async () => {
    process.env.BATCHSCOPE_IDENTITY = "oauth2-proxy";
    process.env.BATCHSCOPE_TRUSTED_PROXIES = "127.0.0.1";
    const r = await call(handlers.auditGET, `/api/accounts/${a()}/audit`, { account: a() }, { headers: { "x-forwarded-email": "viewer@example.com" } });
    expect(r.status).toBe(200);
  });
});

describe("GET /api/accounts/[account]/audit/[recordId]", () => {
  it("answers the record and its evidence", async () => {
    const evidence = {
      capturedAt: "2026-11-27T08:00:00.000Z",
      node: { id: "tvm-9", errors: [{ code: "DiskFull" }] },
      stderr: [{ jobId: "j", taskId: "t", bytes: 12, text: "<script>x</script>" }],
    };
    const id = await auditLog().appendIntent({
      operationId: randomUUID(),
      actor: "ana",
      role: "operator",
      account: a(),
      poolId: "p1",
      nodeId: "tvm-9",
      action: "remove",
      option: "requeue",
      reason: "disk",
      evidence,
    });
    await auditLog().appendOutcome(id, { outcome: "accepted", requestId: "req-9" });
    const r = await callOk(handlers.auditRecordGET, `/api/accounts/${a()}/audit/${id}`, { account: a(), recordId: id }, auditRecordResponse);
    expect(r).toEqual({ record: expect.objectContaining({ id, outcome: "accepted", requestId: "req-9", hasEvidence: true }), evidence });
  });

  it("404 AuditRecordNotFound for an unknown id or another account's record; 400 for a malformed id", async () => {
    const missing = randomUUID();
    expect(
      expectApiError(await call(handlers.auditRecordGET, `/api/accounts/${a()}/audit/${missing}`, { account: a(), recordId: missing }), "notFound", 404),
    ).toMatchObject({ code: "AuditRecordNotFound" });
    const other = await auditLog().appendIntent({
      operationId: randomUUID(),
      actor: "ana",
      role: "operator",
      account: "another-account",
      poolId: "p",
      nodeId: "n",
      action: "reboot",
      reason: "elsewhere",
    });
    expect(
      expectApiError(await call(handlers.auditRecordGET, `/api/accounts/${a()}/audit/${other}`, { account: a(), recordId: other }), "notFound", 404).code,
    ).toBe("AuditRecordNotFound");
    expect(
      expectApiError(await call(handlers.auditRecordGET, `/api/accounts/${a()}/audit/nope`, { account: a(), recordId: "nope" }), "badRequest", 400).message,
    ).toMatch(/recordId/);
  });
});
