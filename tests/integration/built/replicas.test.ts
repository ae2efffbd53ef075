import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BatchServiceClient, BatchSharedKeyCredentials } from "@azure/batch";
import pgDriver from "pg";
import { startEmulator, type Emulator } from "@/lib/emulator/server";
import { actionResponse } from "@/lib/schemas/remediation";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startPostgres, type TestPostgres } from "../../support/postgres";
import { startDashboard, type Dashboard } from "../../support/servers";
import { LINUX_VM, waitFor } from "../emulator/harness";

// Two dashboard replicas (server.ts, as `npm start` runs it, so after `next build`) on one PostgreSQL
// database (docs/architecture.md "Store"): the same action sent to both at once reaches Batch once per
// node, what one replica records the other reads, a replica that died is settled by the other, and with
// the database stopped no action is sent while Batch reads go on. No page: the API is what is shared.
// (pingStore itself is tested against a stopped database in lib/audit/ping.test.ts.) In the "built"
// vitest project: it needs `next build`.
const ACCOUNT = "replicas";
const POOL = "shared";
let pg: TestPostgres;
let emu: Emulator;
let a: Dashboard;
let b: Dashboard;
let url: string;
let nodes: string[];
const auditDir = mkdtempSync(join(tmpdir(), "batchscope-replicas-"));

async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${emu.url}/__emulator${path}`, {
    method,
    headers: { "content-type": "application/json" },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}`);
  return res.headers.get("content-type")?.includes("json") ? res.json() : undefined;
}

/** The emulator's count of requests per route, e.g. "POST /pools/shared/nodes/tvm-1/disablescheduling". */
async function byRoute(): Promise<Record<string, number>> {
  return ((await control("GET", "/stats")) as { byRoute: Record<string, number> }).byRoute;
}

const nodeCalls = (routes: Record<string, number>, verb: string) =>
  Object.fromEntries(Object.entries(routes).filter(([r]) => r.startsWith(`POST /pools/${POOL}/nodes/`) && r.endsWith(`/${verb}`)));

function act(d: Dashboard, body: Record<string, unknown>): Promise<Response> {
  return fetch(`${d.url}/api/accounts/${ACCOUNT}/pools/${POOL}/actions`, {
    method: "POST",
    headers: { origin: d.url, "sec-fetch-site": "same-origin", "content-type": "application/json" },
    body: JSON.stringify({ reason: "two replicas", ...body }),
  });
}

/** SQL on the shared database, as a replica's store runs it. */
async function sql<T extends pgDriver.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const c = new pgDriver.Client(url);
  await c.connect();
  try {
    return (await c.query<T>(text, values)).rows;
  } finally {
    await c.end();
  }
}

// A PostgreSQL to initialise, an emulator and two servers to start: more than a hook's time on a busy machine.
beforeAll(async () => {
  [pg, emu] = await Promise.all([startPostgres(), startEmulator({ scenario: "empty", seed: 1, account: ACCOUNT })]);
  url = await pg.freshDatabase();
  const sdk = new BatchServiceClient(new BatchSharedKeyCredentials(emu.account, emu.key), emu.url, { noRetryPolicy: true } as never);
  await sdk.pool.add({ id: POOL, vmSize: "STANDARD_D2S_V5", virtualMachineConfiguration: LINUX_VM, targetDedicatedNodes: 4 });
  const list = await waitFor(
    emu,
    () => sdk.computeNode.list(POOL),
    (l) => l.length === 4 && l.every((n) => n.state === "idle"),
  );
  nodes = list.map((n) => n.id!).sort();
  const env = (name: string) => ({
    BATCH_ACCOUNT_NAME: emu.account,
    BATCH_ACCOUNT_URL: emu.url,
    BATCH_ACCOUNT_KEY: emu.key,
    BATCHSCOPE_LOCAL_OPERATOR: "true",
    BATCHSCOPE_DATABASE_URL: url,
    // Each replica's own file, which must stay unused: the store is the database.
    BATCHSCOPE_AUDIT_DB: join(auditDir, `${name}.sqlite`),
  });
  [a, b] = await Promise.all([startDashboard(env("a")), startDashboard(env("b"))]);
}, 180_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await emu?.close();
  await pg?.stop();
  rmSync(auditDir, { recursive: true, force: true });
}, 60_000);

// Two replicas on one PostgreSQL database.

test("the same operation sent to both at once reaches Batch once per node, and both answer with the same records", async () => {
  // Node calls answer slowly, so the two requests overlap for certain.
  await control("PUT", "/faults", { latencyMs: 1_500, pathPrefix: `/pools/${POOL}/nodes/` });
  await control("POST", "/stats/reset");
  const body = { operationId: randomUUID(), action: "disableScheduling", option: "requeue", nodeIds: nodes, confirm: String(nodes.length) };
  const [ra, rb] = await Promise.all([act(a, body), act(b, body)]);
  await control("DELETE", "/faults");
  expect([ra.status, rb.status]).toEqual([200, 200]);
  const [ja, jb] = [actionResponse.parse(await ra.json()), actionResponse.parse(await rb.json())];
  const calls = nodeCalls(await byRoute(), "disablescheduling");
  expect(Object.keys(calls).sort()).toEqual(nodes.map((n) => `POST /pools/${POOL}/nodes/${n}/disablescheduling`));
  expect(Object.values(calls)).toEqual(nodes.map(() => 1));
  // One record per node, the same one in both answers, settled as accepted.
  expect(ja.results.map((r) => r.recordId)).toEqual(jb.results.map((r) => r.recordId));
  expect(new Set(ja.results.map((r) => r.recordId)).size).toBe(nodes.length);
  for (const r of [...ja.results, ...jb.results]) expect(r.outcome).toBe("accepted");
  // And the audit page of either replica lists exactly those records.
  const listed = (await (await fetch(`${b.url}/api/accounts/${ACCOUNT}/audit?pool=${POOL}`)).json()) as { records: { id: string; operationId: string }[] };
  expect(
    listed.records
      .filter((r) => r.operationId === body.operationId)
      .map((r) => r.id)
      .sort(),
  ).toEqual(ja.results.map((r) => r.recordId).sort());
});

test("a record and a snapshot made on one replica are read on the other", async () => {
  const body = { operationId: randomUUID(), action: "enableScheduling", nodeIds: [nodes[0]] };
  const done = actionResponse.parse(await (await act(a, body)).json());
  const recordId = done.results[0]!.recordId;
  const record = await fetch(`${b.url}/api/accounts/${ACCOUNT}/audit/${recordId}`);
  expect(record.status).toBe(200);
  expect(await record.json()).toMatchObject({ record: { id: recordId, action: "enableScheduling", nodeId: nodes[0], outcome: "accepted" } });

  const taken = await fetch(`${a.url}/api/accounts/${ACCOUNT}/snapshots`, {
    method: "POST",
    headers: { origin: a.url, "sec-fetch-site": "same-origin", "content-type": "application/json" },
    body: JSON.stringify({ view: `/${ACCOUNT}/pools/${POOL}/nodes/${nodes[1]}`, note: "seen from the other replica" }),
  });
  expect(taken.status, await taken.clone().text()).toBe(201);
  const { id } = (await taken.json()) as { id: string };
  const read = await fetch(`${b.url}/api/accounts/${ACCOUNT}/snapshots/${id}`);
  expect(read.status).toBe(200);
  const snap = (await read.json()) as { snapshot: { note: string; nodeId: string }; content: { answers: Record<string, unknown> } };
  expect(snap.snapshot).toMatchObject({ note: "seen from the other replica", nodeId: nodes[1] });
  expect(Object.keys(snap.content.answers)).toContain(`/api/accounts/${ACCOUNT}/pools/${POOL}/nodes/${nodes[1]}`);
});

test("a replica that died mid-action leaves records the other settles: sent once under the same record, or found already done", async () => {
  // What a replica leaves when it dies after writing its intents: records with no outcome, and their
  // claims (written in the same transaction) past their lease, since nobody renews them.
  const operationId = randomUUID();
  const lapsed = Date.now() - 5 * 60_000;
  const left = async (nodeId: string) => {
    const id = randomUUID();
    await sql(
      `INSERT INTO intents (id, operation_id, time, actor, role, account, pool_id, node_id, action, reason)
       VALUES ($1, $2, $3, 'local-operator', 'operator', $4, $5, $6, 'enableScheduling', 'two replicas')`,
      [id, operationId, new Date(lapsed).toISOString(), ACCOUNT, POOL, nodeId],
    );
    await sql("INSERT INTO claims (account, operation_key, node_key, record_id, owner, held_until) VALUES ($1, $2, $3, $4, 'dead-replica', $5)", [
      ACCOUNT,
      operationId.toLowerCase(),
      nodeId.toLowerCase(),
      id,
      lapsed + 30_000,
    ]);
    return id;
  };
  const notSent = await left(nodes[3]!);
  const reached = await left(nodes[1]!);
  // Both nodes are disabled (the first test); its call for nodes[1] had reached Batch before it died.
  const sdk = new BatchServiceClient(new BatchSharedKeyCredentials(emu.account, emu.key), emu.url, { noRetryPolicy: true } as never);
  await sdk.computeNode.enableScheduling(POOL, nodes[1]!);
  await control("POST", "/stats/reset");
  const r = await act(b, { operationId, action: "enableScheduling", nodeIds: [nodes[3], nodes[1]] });
  expect(r.status, await r.clone().text()).toBe(200);
  const { results } = actionResponse.parse(await r.json());
  expect(results).toMatchObject([
    { nodeId: nodes[3], outcome: "accepted", recordId: notSent },
    { nodeId: nodes[1], outcome: "alreadyDone", recordId: reached },
  ]);
  expect(nodeCalls(await byRoute(), "enablescheduling")).toEqual({ [`POST /pools/${POOL}/nodes/${nodes[3]}/enablescheduling`]: 1 });
  const outcomes = await sql<{ outcome: string }>(
    "SELECT o.outcome FROM intents i JOIN outcomes o ON o.record_id = i.id WHERE i.operation_id = $1 ORDER BY i.seq",
    [operationId],
  );
  expect(outcomes.map((o) => o.outcome)).toEqual(["accepted", "alreadyDone"]);
});

test("with the database stopped: the action is refused (503 naming the store), nothing reaches Batch, reads go on", async () => {
  await pg.pause();
  try {
    await control("POST", "/stats/reset");
    const r = await act(a, { operationId: randomUUID(), action: "disableScheduling", option: "requeue", nodeIds: [nodes[2]] });
    expect(r.status).toBe(503);
    const { error } = (await r.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe("AuditLogUnavailable");
    expect(error.message).toMatch(/PostgreSQL postgres:\/\/postgres@127\.0\.0\.1:\d+\/\w+/);
    expect(error.message).not.toContain("test-password");
    expect(Object.keys(nodeCalls(await byRoute(), "disablescheduling"))).toEqual([]);
    const pool = await fetch(`${b.url}/api/accounts/${ACCOUNT}/pools/${POOL}`);
    expect(pool.status).toBe(200);
    const nodesRead = await fetch(`${b.url}/api/accounts/${ACCOUNT}/pools/${POOL}/nodes`);
    expect(nodesRead.status).toBe(200);
    // Health fails on the store, not on Batch, which still answers.
    const health = await fetch(`${b.url}/api/health`);
    expect(health.status).toBe(503);
  } finally {
    await pg.start();
  }
  // Back up: the next action goes through on the same replica, without a restart.
  const again = await act(a, { operationId: randomUUID(), action: "disableScheduling", option: "requeue", nodeIds: [nodes[2]] });
  expect(again.status).toBe(200);
});
