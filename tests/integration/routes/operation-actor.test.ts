import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { auditListResponse } from "@/lib/schemas/audit";
import { actionResponse } from "@/lib/schemas/remediation";
import { calls, PAGE_HEADERS, postAction, readyPool } from "./remediation-support";
import { handlers } from "./route-table";
import { callOk, emulatorPerSuite, expectApiError } from "./support";

// An operation id is bound to the operator who first sent it: a retry comes from them, nobody else.
const env = emulatorPerSuite({ scenario: "empty", account: "opactor" });
const a = () => env.account;
const IDENTITY_KEYS = ["BATCHSCOPE_IDENTITY", "BATCHSCOPE_OPERATOR_GROUPS", "BATCHSCOPE_TRUSTED_PROXIES"];
afterEach(() => {
  for (const k of IDENTITY_KEYS) delete process.env[k];
});

const as = (email: string) => ({ ...PAGE_HEADERS, "x-forwarded-email": email, "x-forwarded-groups": "batch-ops" });

describe("operation ids and actors", () => {
  it("another operator resending an operation id gets 409 and nothing is sent; the first operator's retry still answers", async () => {
    process.env.BATCHSCOPE_IDENTITY = "oauth2-proxy";
    process.env.BATCHSCOPE_TRUSTED_PROXIES = "127.0.0.1";
    process.env.BATCHSCOPE_OPERATOR_GROUPS = "batch-ops";
    const nodes = await readyPool(env, "op", 2);
    const operationId = randomUUID();
    const first = await postAction(env, "op", { operationId, action: "reboot", nodeIds: [nodes[0]] }, as("ana@example.com"));
    expect(first.status, first.text).toBe(200);

    await env.resetStats();
    // The same id from another operator, with a node the first request did not name: refused whole.
    const other = await postAction(env, "op", { operationId, action: "reboot", nodeIds: [nodes[0], nodes[1]] }, as("bo@example.com"));
    const error = expectApiError(other, "conflict", 409);
    expect(error.code).toBe("OperationIdOfAnotherActor");
    expect(error.message).toMatch(/another operator started; a retry must come from that operator, and a new action needs a new operationId/);
    expect(error.message).not.toContain("ana@example.com");
    expect(await calls(env, "POST /pools/op/nodes")).toBe(0);

    // The same id in another case is the same operation, and still not bo's.
    const upper = await postAction(env, "op", { operationId: operationId.toUpperCase(), action: "reboot", nodeIds: [nodes[0]] }, as("bo@example.com"));
    expect(expectApiError(upper, "conflict", 409).code).toBe("OperationIdOfAnotherActor");

    const retry = await postAction(env, "op", { operationId, action: "reboot", nodeIds: [nodes[0]] }, as("ana@example.com"));
    expect(retry.status, retry.text).toBe(200);
    expect(actionResponse.parse(retry.json).results[0]).toMatchObject({ outcome: "accepted" });
    expect(await calls(env, "POST /pools/op/nodes")).toBe(0);

    const records = (await callOk(handlers.auditGET, `/api/accounts/${a()}/audit?pool=op`, { account: a() }, auditListResponse)).records;
    expect(records.map((r) => [r.actor, r.nodeId])).toEqual([["ana@example.com", nodes[0]]]);
  });
});
