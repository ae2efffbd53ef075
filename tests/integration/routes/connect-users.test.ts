import { randomUUID } from "node:crypto";
import type { NodeUserSummary as ShownUser } from "@/lib/emulator/handlers/control";
import { beforeAll, describe, expect, it } from "vitest";
import { auditListResponse, type AuditRecord } from "@/lib/schemas/audit";
import { connectResponse, nodeUsersResponse, removeUserResponse } from "@/lib/schemas/connect";
import { newSshPublicKey } from "@/tests/support/ssh-key";
import { actOk, PAGE_HEADERS, readyPool, UUID } from "./remediation-support";
import { handlers } from "./route-table";
import { call, emulatorPerSuite, expectApiError, type RouteResult } from "./support";

// Connect's users after they are made: listed, removed, already gone; and what the audit log says when
// Batch gives no answer, which must be what remediation says ("unknown": the call may have landed).
const env = emulatorPerSuite({ scenario: "empty", account: "connusers" });
const a = () => env.account;

const usersOnNode = (pool: string, node: string) => env.control<ShownUser[]>("GET", `/pools/${pool}/nodes/${node}/users`);
const usersUrl = (pool: string, node: string) => `/api/accounts/${a()}/pools/${pool}/nodes/${node}/users`;
const connect = (pool: string, node: string, body: unknown, headers: Record<string, string> = PAGE_HEADERS): Promise<RouteResult> =>
  call(handlers.nodeUsersPOST, usersUrl(pool, node), { account: a(), poolId: pool, nodeId: node }, { method: "POST", headers, body: JSON.stringify(body) });
const remove = (pool: string, node: string, user: string, body: unknown = {}, headers: Record<string, string> = PAGE_HEADERS): Promise<RouteResult> =>
  call(
    handlers.nodeUserDELETE,
    `${usersUrl(pool, node)}/${user}`,
    { account: a(), poolId: pool, nodeId: node, userName: user },
    { method: "DELETE", headers, body: JSON.stringify(body) },
  );
const listUsers = async (pool: string, node: string) => {
  const r = await call(handlers.nodeUsersGET, usersUrl(pool, node), { account: a(), poolId: pool, nodeId: node });
  expect(r.status, r.text).toBe(200);
  return nodeUsersResponse.parse(r.json);
};
const auditOf = async (node: string): Promise<AuditRecord[]> => {
  const r = await call(handlers.auditGET, `/api/accounts/${a()}/audit?node=${node}`, { account: a() });
  return auditListResponse.parse(r.json).records;
};

let lin: string[] = [];
beforeAll(async () => {
  lin = await readyPool(env, "lin", 2);
});

describe("GET …/users and DELETE …/users/{userName}", () => {
  it("lists the dashboard's users with expiry by the service clock, removes one, and says when it is already gone", async () => {
    const node = lin[0]!;
    connectResponse.parse((await connect("lin", node, { sshPublicKey: newSshPublicKey(), expiryHours: 2 })).json);
    const res = connectResponse.parse((await connect("lin", node, { sshPublicKey: newSshPublicKey(), expiryHours: 1 })).json);
    let list = await listUsers("lin", node);
    const mine = list.users.find((u) => u.userName === res.userName);
    expect(mine).toMatchObject({ expiryTime: res.expiryTime, expired: false, removed: false, createdBy: "local-operator", recordId: res.recordId });
    // Newest first.
    expect(list.users[0]!.userName).toBe(res.userName);

    // Ninety simulated minutes later the 1-hour user is expired and the 2-hour one made just before it is not.
    env.emu.advance(90 * 60_000);
    list = await listUsers("lin", node);
    expect(list.users.find((u) => u.userName === res.userName)!.expired).toBe(true);
    expect(list.users.filter((u) => !u.expired)).toHaveLength(list.users.length - 1);

    const gone = await remove("lin", node, res.userName, { reason: "done looking" });
    expect(gone.status, gone.text).toBe(200);
    const removed = removeUserResponse.parse(gone.json);
    expect(removed).toMatchObject({ userName: res.userName, outcome: "removed", requestId: expect.stringMatching(UUID) });
    expect((await usersOnNode("lin", node)).map((u) => u.name)).not.toContain(res.userName);
    expect((await listUsers("lin", node)).users.find((u) => u.userName === res.userName)).toMatchObject({ removed: true });
    const [record] = await auditOf(node);
    expect(record).toMatchObject({
      id: removed.recordId,
      action: "deleteUser",
      userName: res.userName,
      expiryTime: res.expiryTime,
      reason: "done looking",
      outcome: "accepted",
    });

    // Removed again (another tab): Batch's NodeUserNotFound is "already gone", recorded, not a failure.
    const again = removeUserResponse.parse((await remove("lin", node, res.userName)).json);
    expect(again).toMatchObject({ outcome: "alreadyGone", error: { code: "NodeUserNotFound" } });
    expect((await auditOf(node))[0]).toMatchObject({ id: again.recordId, outcome: "alreadyDone" });
  });

  it("refuses a user name this dashboard did not make, another site's DELETE, and a node that is not there", async () => {
    await env.resetStats();
    const bad = await remove("lin", lin[0]!, "root");
    expect(expectApiError(bad, "badRequest", 400).message).toMatch(/userName is not a user this dashboard created/);
    const evil = await remove(
      "lin",
      lin[0]!,
      "bs-abcdefgh",
      {},
      { origin: "https://evil.example", "sec-fetch-site": "cross-site", "content-type": "application/json" },
    );
    expectApiError(evil, "auth", 403);
    expect((await env.stats()).total).toBe(0);

    const r = await call(handlers.nodeUsersGET, usersUrl("lin", "no-such-node"), { account: a(), poolId: "lin", nodeId: "no-such-node" });
    expect(expectApiError(r, "notFound", 404).code).toBe("NodeNotFound");
  });
});

describe("no answer from Batch: Connect and remediation record the same outcome", () => {
  it("a dropped addUser is recorded as unknown (it may have made the user), and the browser gets the network error", async () => {
    const node = lin[1]!;
    await env.control("PUT", "/faults", { dropRate: 1, pathPrefix: `/pools/lin/nodes/${node}/users` });
    try {
      const r = await connect("lin", node, { sshPublicKey: newSshPublicKey(), expiryHours: 1 });
      expectApiError(r, "network", 502);
    } finally {
      await env.control("DELETE", "/faults");
    }
    const [record] = await auditOf(node);
    expect(record).toMatchObject({ action: "addUser", outcome: "unknown" });
    expect(record!.error).toBeUndefined();
  });

  it("a dropped node action is recorded as unknown too", async () => {
    const node = lin[1]!;
    await env.control("PUT", "/faults", { dropRate: 1, pathPrefix: `/pools/lin/nodes/${node}/disablescheduling` });
    try {
      const res = await actOk(env, "lin", { operationId: randomUUID(), action: "disableScheduling", nodeIds: [node] });
      expect(res.results[0]).toMatchObject({ outcome: "failed", error: { kind: "network" } });
    } finally {
      await env.control("DELETE", "/faults");
    }
    const [record] = await auditOf(node);
    expect(record).toMatchObject({ action: "disableScheduling", outcome: "unknown" });
  });
});
