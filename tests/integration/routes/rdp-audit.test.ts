import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { readApiVersion } from "@/lib/batch/account-config";
import { auditListResponse, type AuditRecord } from "@/lib/schemas/audit";
import { calls, readyCloudServicePool, readyPool, UUID } from "./remediation-support";
import { handlers } from "./route-table";
import { call, emulatorPerSuite, expectApiError } from "./support";

// The RDP file lets its holder sign in to the node: its download is audited like a node user's creation.
const env = emulatorPerSuite({ scenario: "empty", account: "rdpaudit" });
const MODERN = readApiVersion() === "2025-06-01";
const a = () => env.account;
const OPERATOR = { "x-forwarded-email": "rita@example.com", "x-forwarded-groups": "batch-ops" };

const rdp = (pool: string, node: string) =>
  call(handlers.nodeRdpGET, `/api/accounts/${a()}/pools/${pool}/nodes/${node}/rdp`, { account: a(), poolId: pool, nodeId: node }, { headers: OPERATOR });
const downloads = async (node: string): Promise<AuditRecord[]> => {
  const r = await call(handlers.auditGET, `/api/accounts/${a()}/audit?node=${node}&action=downloadRdp`, { account: a() });
  return auditListResponse.parse(r.json).records;
};

let classic = "";
let vm = "";
beforeAll(async () => {
  [vm] = (await readyPool(env, "vm", 1)) as [string];
  classic = await readyCloudServicePool(env, "classic");
});
afterEach(() => {
  delete process.env.BATCHSCOPE_IDENTITY;
  delete process.env.BATCHSCOPE_TRUSTED_PROXIES;
  delete process.env.BATCHSCOPE_OPERATOR_GROUPS;
});

describe("GET …/nodes/[nodeId]/rdp is audited", () => {
  it("a download leaves a record naming the operator and the node; a refused call is recorded with Batch's answer", async () => {
    process.env.BATCHSCOPE_IDENTITY = "oauth2-proxy";
    process.env.BATCHSCOPE_TRUSTED_PROXIES = "127.0.0.1";
    process.env.BATCHSCOPE_OPERATOR_GROUPS = "batch-ops";
    await env.resetStats();
    const file = await rdp("classic", classic);
    if (MODERN) {
      // No RDP file on 2025-06-01, and no Batch call, so nothing to record.
      expectApiError(file, "conflict", 409);
      expect(await calls(env, `GET /pools/classic/nodes/${classic}/rdp`)).toBe(0);
      expect(await downloads(classic)).toEqual([]);
      return;
    }
    expect(file.status, file.text).toBe(200);
    expect(await downloads(classic)).toEqual([
      expect.objectContaining({
        actor: "rita@example.com",
        role: "operator",
        action: "downloadRdp",
        poolId: "classic",
        nodeId: classic,
        outcome: "accepted",
        requestId: expect.stringMatching(UUID),
      }),
    ]);

    // A VM pool's node has no RDP file: Batch refuses, and the record says so.
    expectApiError(await rdp("vm", vm), "conflict", 409);
    expect(await downloads(vm)).toEqual([
      expect.objectContaining({ actor: "rita@example.com", action: "downloadRdp", outcome: "failed", error: expect.objectContaining({ status: 409 }) }),
    ]);
  });
});
