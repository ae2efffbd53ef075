import { describe, expect, it } from "vitest";
import { GET as oneGET, DELETE as oneDELETE } from "@/app/api/accounts/[account]/snapshots/[snapshotId]/route";
import { GET as listGET, POST as createPOST } from "@/app/api/accounts/[account]/snapshots/route";
import { auditListResponse } from "@/lib/schemas/audit";
import { snapshotCreated, snapshotListResponse, snapshotResponse } from "@/lib/schemas/snapshots";
import { normalizeApiPath } from "@/lib/snapshots/api-path";
import { handlers } from "./route-table";
import { call, callOk, emulatorPerSuite, expectApiError } from "./support";

// Snapshots against the incident scenario: taken through the routes' own handlers, readable after Batch forgot.
const env = emulatorPerSuite({ scenario: "incident", account: "snap-acct" });
const POOL = "prod-ingest";
const base = () => `/api/accounts/${env.account}/snapshots`;
const asPage = (method: string, body: unknown) => ({
  method,
  headers: { origin: "http://localhost", "sec-fetch-site": "same-origin", "content-type": "application/json" },
  body: JSON.stringify(body),
});

async function take(view: string, note?: string) {
  const r = await call(createPOST, base(), { account: env.account }, asPage("POST", { view, ...(note ? { note } : {}) }));
  return r;
}

const read = (id: string) => callOk(oneGET, `${base()}/${id}`, { account: env.account, snapshotId: id }, snapshotResponse);

describe("snapshots of job, task, node and file views", () => {
  const answers = async (view: string) => {
    const r = await take(view);
    expect(r.status, r.text).toBe(201);
    return read(snapshotCreated.parse(r.json).id);
  };

  it("a failed task: its detail and stderr tail; a file view with #L lines: the file around them (a short one whole) and where they start", async () => {
    const [t] = await env.sdk.task.list("transform-v42", { taskListOptions: { filter: "executionInfo/result eq 'failure'", maxResults: 1 } });
    const api = `/api/accounts/${env.account}/jobs/transform-v42/tasks/${t!.id}`;
    const task = await answers(`/${env.account}/jobs/transform-v42/tasks/${t!.id}`);
    // Filed under the task's pool, so the list's pool filter finds it beside the pool's own snapshots.
    expect(task.snapshot).toMatchObject({ kind: "task", jobId: "transform-v42", taskId: t!.id, poolId: "prod-ingest" });
    expect(JSON.parse(task.content.answers[api]!.body).task.exitCode).toBeDefined();
    const stderr = task.content.answers[`${api}/files/stderr.txt`]!;
    expect(stderr.status).toBe(206);
    expect(Buffer.from(stderr.body, "base64").toString("utf8")).toMatch(/KeyError/);

    const file = await answers(`/${env.account}/jobs/transform-v42/tasks/${t!.id}/files/stderr.txt#L1-L2`);
    expect(file.snapshot.frozenView).toMatch(/#L1-L2$/);
    expect(JSON.parse(file.content.answers[`${api}/files/stderr.txt?line=1`]!.body)).toMatchObject({ line: 1, offset: 0 });
    const lines = file.content.answers[`${api}/files/stderr.txt`]!;
    expect(lines.headers["content-range"]).toMatch(/^bytes 0-\d+\/\d+$/);
    // Selecting lines 1–2 of a 4-line stderr keeps the whole file: the KeyError on its last line too.
    expect(Buffer.from(lines.body, "base64").toString("utf8")).toMatch(/KeyError/);
  });

  it("a node and a job: their own reads answered 200, and their failed tasks' evidence", async () => {
    const [n] = await env.sdk.computeNode.list(POOL, { computeNodeListOptions: { maxResults: 1 } });
    const node = await answers(`/${env.account}/pools/${POOL}/nodes/${n!.id}?window=6h`);
    expect(node.content.answers[`/api/accounts/${env.account}/pools/${POOL}/nodes/${n!.id}`]?.status).toBe(200);
    expect(node.snapshot.frozenView).not.toContain("window=");
    const job = await answers(`/${env.account}/jobs/transform-v42`);
    const keys = Object.keys(job.content.answers);
    expect(job.content.answers[`/api/accounts/${env.account}/jobs/transform-v42`]?.status).toBe(200);
    expect(keys.some((k) => k.startsWith(`/api/accounts/${env.account}/jobs/transform-v42/tasks?`) && k.includes("outcome=failed"))).toBe(true);
    expect(keys.filter((k) => k.endsWith("/files/stderr.txt")).length).toBeGreaterThan(0);
  });
});

// Shared by the two blocks below, in order: the pool view's snapshot taken first, then read back and deleted.
let id = "";
let heatmapKey = "";

describe("snapshots of a pool view", () => {
  it("POST freezes the pool view: 201 with its id and page URL, the window pinned, the heatmap the route's own answer", async () => {
    const r = await take(`/${env.account}/pools/${POOL}?metric=job`, "disk full on three nodes");
    expect(r.status, r.text).toBe(201);
    const created = snapshotCreated.parse(r.json);
    expect(created.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(created.url).toBe(`/${env.account}/snapshots/${created.id}`);
    id = created.id;
    const { snapshot, content } = await read(id);
    expect(snapshot).toMatchObject({ kind: "pool", poolId: POOL, author: "local-operator", note: "disk full on three nodes", cut: [] });
    const from = new Date(snapshot.window!.from).toISOString();
    const to = new Date(snapshot.window!.to).toISOString();
    expect(snapshot.frozenView).toBe(`/${env.account}/pools/${POOL}?metric=job&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    heatmapKey = normalizeApiPath(`/api/accounts/${env.account}/pools/${POOL}/heatmap?from=${from}&to=${to}&buckets=60`);
    const frozen = content.answers[heatmapKey];
    expect(frozen?.status).toBe(200);
    const live = await call(handlers.poolHeatmapGET, heatmapKey, { account: env.account, poolId: POOL });
    expect(JSON.parse(frozen!.body).verdict).toEqual((live.json as { verdict: unknown }).verdict);
    expect(JSON.parse(frozen!.body).verdict.topNodes.length).toBeGreaterThan(0);
    // Evidence: the cells' failed tasks and their stderr tails (a file slice with its range).
    const keys = Object.keys(content.answers);
    expect(keys.some((k) => k.includes("/heatmap/cell?"))).toBe(true);
    const tail = keys.find((k) => k.endsWith("/files/stderr.txt"));
    expect(content.answers[tail!]).toMatchObject({
      status: 206,
      encoding: "base64",
      headers: { "content-range": expect.stringMatching(/^bytes \d+-\d+\/\d+$/) },
    });
    expect(snapshot.sizeBytes).toBeLessThanOrEqual(5 * 1024 * 1024);
  });

  it("is listed newest first, filtered by pool and author", async () => {
    const all = await callOk(listGET, `${base()}?pool=${POOL}&author=local-operator`, { account: env.account }, snapshotListResponse);
    expect(all.snapshots.map((s) => s.id)).toContain(id);
    const none = await callOk(listGET, `${base()}?job=nope`, { account: env.account }, snapshotListResponse);
    expect(none.snapshots).toEqual([]);
  });
});

describe("a pool view's snapshot, afterwards", () => {
  it("is still readable, unchanged, once the pool's jobs are deleted", async () => {
    const before = await read(id);
    const jobs = await env.sdk.job.list();
    for (const j of jobs.filter((x) => x.poolInfo?.poolId === POOL)) await env.sdk.job.deleteMethod(j.id!);
    // Deleting takes a while in Batch (and in the emulator's time): move its clock on until the jobs are gone.
    for (let i = 0; i < 20 && (await env.sdk.job.list()).some((j) => j.poolInfo?.poolId === POOL); i++) {
      await env.control("POST", "/clock/advance", { seconds: 60 });
    }
    expect((await env.sdk.job.list()).filter((j) => j.poolInfo?.poolId === POOL)).toEqual([]);
    const task = Object.keys(before.content.answers).find((k) => /\/tasks\/[^/]+$/.test(k))!;
    const m = /jobs\/([^/]+)\/tasks\/([^/]+)$/.exec(task)!;
    const gone = await env.sdk.task.get(decodeURIComponent(m[1]!), decodeURIComponent(m[2]!)).catch((e: { statusCode?: number }) => e.statusCode);
    expect(gone).toBe(404);
    const after = await read(id);
    expect(after).toEqual(before);
    expect(after.content.answers[task]?.status).toBe(200);
  });

  it("an unknown id is a 404 with the error body; a malformed one a 400", async () => {
    const unknown = "AAAAAAAAAAAAAAAAAAAAAA";
    expectApiError(await call(oneGET, `${base()}/${unknown}`, { account: env.account, snapshotId: unknown }), "notFound", 404);
    expectApiError(await call(oneGET, `${base()}/x`, { account: env.account, snapshotId: "x" }), "badRequest", 400);
  });

  it("a view that is not one to freeze is a 400 naming the problem", async () => {
    const bad = await take(`/${env.account}/pools/bad%20pool`);
    expect(expectApiError(bad, "badRequest", 400).message).toMatch(/view: pool id must be/);
    const audit = await take(`/${env.account}/audit`);
    expect(expectApiError(audit, "badRequest", 400).message).toMatch(/pool, job, task, node or file page/);
    const cross = await call(
      createPOST,
      base(),
      { account: env.account },
      { ...asPage("POST", { view: `/${env.account}/pools/${POOL}` }), headers: { "content-type": "application/json", origin: "https://evil.example" } },
    );
    expectApiError(cross, "auth", 403);
  });

  it("DELETE: a viewer is refused (403); an operator deletes it (200), and the audit log says who and which", async () => {
    process.env.BATCHSCOPE_LOCAL_OPERATOR = "false";
    try {
      expectApiError(await call(oneDELETE, `${base()}/${id}`, { account: env.account, snapshotId: id }, asPage("DELETE", {})), "auth", 403);
    } finally {
      process.env.BATCHSCOPE_LOCAL_OPERATOR = "true";
    }
    await read(id);
    const del = await call(oneDELETE, `${base()}/${id}`, { account: env.account, snapshotId: id }, asPage("DELETE", { reason: "taken by mistake" }));
    expect(del.status, del.text).toBe(200);
    expectApiError(await call(oneGET, `${base()}/${id}`, { account: env.account, snapshotId: id }), "notFound", 404);
    const log = await callOk(handlers.auditGET, `/api/accounts/${env.account}/audit?action=deleteSnapshot`, { account: env.account }, auditListResponse);
    expect(log.records[0]).toMatchObject({
      action: "deleteSnapshot",
      actor: "local-operator",
      poolId: POOL,
      reason: "taken by mistake",
      snapshotId: id,
      outcome: "accepted",
    });
  });
});
