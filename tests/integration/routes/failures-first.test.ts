import type { BatchServiceModels } from "@azure/batch";
import { describe, expect, it } from "vitest";
import { GET as jobHeatmapCellGET } from "@/app/api/accounts/[account]/jobs/[jobId]/heatmap/cell/route";
import { GET as jobHeatmapGET } from "@/app/api/accounts/[account]/jobs/[jobId]/heatmap/route";
import { GET as poolHeatmapGET } from "@/app/api/accounts/[account]/pools/[poolId]/heatmap/route";
import { classifyTask } from "@/lib/failures/classify-task";
import { bucketOf } from "@/lib/heatmap/window";
import { cellTasksResponse, heatmapResponse, type HeatmapResponse } from "@/lib/schemas/failures";
import { all, callOk, emulatorPerSuite, odataTime, sdkTasks, tally, type RouteHandler, type RouteParams } from "./support";

// Failures first (docs/diagnosis.md): the heatmap's first answer is read from the failed tasks alone and
// the full one (every completed task, with rates) follows. Both must count exactly the failures the SDK
// lists, per node and per cell. Batch calls are slowed, and big pages more than small ones (the emulator's
// latency profile), so the full read is still running when the failures have answered, as at real scale.
const env = emulatorPerSuite({ scenario: "incident", account: "failures-first" });
const a = () => env.account;
const POOL = "prod-ingest";
const INGEST = "ingest-2026-11-27";
const BUCKETS = 60;

type Failed = BatchServiceModels.CloudTask & { jobId: string };

/** Every task the SDK lists as completed in the window, classified by the dashboard's taxonomy, kept if failed. */
async function sdkFailed(jobIds: string[], w: { from: number; to: number }): Promise<Failed[]> {
  const filter = `state eq 'completed' and executionInfo/endTime ge ${odataTime(w.from)} and executionInfo/endTime lt ${odataTime(w.to)}`;
  const failed: Failed[] = [];
  for (const jobId of jobIds)
    for (const t of await sdkTasks(env, jobId, filter)) if (classifyTask({ ...t, id: t.id! }).outcome === "failed") failed.push({ ...t, jobId });
  return failed;
}

/** Every row's failures and every cell's count against the SDK's failed tasks. */
function expectExactCounts(h: HeatmapResponse, failed: Failed[]) {
  expect(h.totals.failures).toBe(failed.length);
  const perNode = tally(failed, (t) => t.nodeInfo?.nodeId);
  for (const row of h.rows) expect(row.failures, row.nodeId).toBe(perNode[row.nodeId] ?? 0);
  expect(
    h.rows
      .filter((r) => r.failures > 0)
      .map((r) => r.nodeId)
      .sort(),
  ).toEqual(Object.keys(perNode).sort());
  const rowOf = new Map(h.rows.map((r, i) => [r.nodeId, i]));
  const cells = new Map<number, number>();
  for (const t of failed) {
    const cell = rowOf.get(t.nodeInfo!.nodeId!)! * BUCKETS + bucketOf(h.edges, t.executionInfo!.endTime!.getTime());
    cells.set(cell, (cells.get(cell) ?? 0) + 1);
  }
  h.counts.forEach((n, cell) => expect(n, `cell ${cell}`).toBe(cells.get(cell) ?? 0));
}

/** Asks again, as the page does, until the answer is the full one. */
async function fullAnswer(ask: () => Promise<HeatmapResponse>): Promise<HeatmapResponse> {
  for (let i = 0; i < 200; i++) {
    const h = await ask();
    if (!h.ratesPending) return h;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the heatmap never gave its full answer");
}

async function slowed<T>(run: () => Promise<T>): Promise<T> {
  await env.control("PUT", "/faults", { latencyMs: 100, perItemMs: 1 });
  try {
    return await run();
  } finally {
    await env.control("DELETE", "/faults");
  }
}

const heatmapOf = (handler: RouteHandler, path: string, params: RouteParams) => () => callOk(handler, path, params, heatmapResponse);

describe("the heatmap's first answer, from the failed tasks alone", () => {
  it("pool: counts every node's failures exactly, rates and verdict pending; the full answer counts the same, with rates", async () => {
    const ask = heatmapOf(poolHeatmapGET, `/api/accounts/${a()}/pools/${POOL}/heatmap?window=6h&buckets=${BUCKETS}`, { account: a(), poolId: POOL });
    const { first, full } = await slowed(async () => ({ first: await ask(), full: await fullAnswer(ask) }));

    expect(first.ratesPending).toBe(true);
    expect(first.diagnosis).toBeUndefined();
    expect(first.verdict.kind).toBe("pending");
    expect(first.rows.every((r) => r.completed === undefined && r.failureRate === undefined)).toBe(true);
    expect(full.ratesPending).toBeUndefined();
    expect(full.diagnosis?.kind).toBe("both");
    expect(full.rows.filter((r) => r.failures > 0).every((r) => r.completed !== undefined && r.failureRate !== undefined)).toBe(true);

    const jobs = (await all(env.sdk.job.list({ jobListOptions: { filter: `executionInfo/poolId eq '${POOL}'` } }), (l) => env.sdk.job.listNext(l))).map(
      (j) => j.id!,
    );
    // A live window ends at the service's now when each read starts, so the two answers' windows may be a
    // moment apart (the clock is nearly frozen): each is checked against the SDK over its own window.
    const failed = await sdkFailed(jobs, first.window);
    expect(failed.length).toBeGreaterThan(30);
    expectExactCounts(first, failed);
    expectExactCounts(full, full.window.from === first.window.from ? failed : await sdkFailed(jobs, full.window));
    expect(Math.abs(full.window.to - first.window.to)).toBeLessThan(60_000);
  });

  it("job: the same, and an opened cell lists its failed tasks without waiting for the totals", async () => {
    const base = `/api/accounts/${a()}/jobs/${INGEST}/heatmap`;
    const ask = heatmapOf(jobHeatmapGET, `${base}?window=6h&buckets=${BUCKETS}`, { account: a(), jobId: INGEST });
    const { first, cell, full } = await slowed(async () => {
      const first = await ask();
      const worst = first.rows[0]!;
      const col = first.counts.slice(0, BUCKETS).findIndex((n) => n > 0);
      const range = `cellFrom=${new Date(first.edges[col]!).toISOString()}&cellTo=${new Date(first.edges[col + 1]!).toISOString()}`;
      const cell = await callOk(
        jobHeatmapCellGET,
        `${base}/cell?window=6h&nodeId=${worst.nodeId}&${range}`,
        { account: a(), jobId: INGEST },
        cellTasksResponse,
      );
      return { first, cell: { ...cell, expected: first.counts[col]! }, full: await fullAnswer(ask) };
    });
    expect(first.ratesPending).toBe(true);
    expect(cell.groups.reduce((n, g) => n + g.tasks.length, 0)).toBe(cell.expected);
    expectExactCounts(first, await sdkFailed([INGEST], first.window));
    expectExactCounts(full, await sdkFailed([INGEST], full.window));
    expect(full.diagnosis).toBeDefined();
  });

  it("failed tasks by Batch's own filter are the same tasks the taxonomy calls failed", async () => {
    const probe = await fullAnswer(heatmapOf(jobHeatmapGET, `/api/accounts/${a()}/jobs/${INGEST}/heatmap?window=6h`, { account: a(), jobId: INGEST }));
    const w = probe.window;
    const byResult = await sdkTasks(
      env,
      INGEST,
      `state eq 'completed' and executionInfo/result eq 'failure' and executionInfo/endTime ge ${odataTime(w.from)} and executionInfo/endTime lt ${odataTime(w.to)}`,
    );
    expect(byResult.map((t) => t.id).sort()).toEqual((await sdkFailed([INGEST], w)).map((t) => t.id).sort());
  });
});
