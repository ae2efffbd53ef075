import type { BatchServiceModels } from "@azure/batch";
import { describe, expect, it } from "vitest";
import { GET as jobHeatmapCellGET } from "@/app/api/accounts/[account]/jobs/[jobId]/heatmap/cell/route";
import { GET as poolHeatmapCellGET } from "@/app/api/accounts/[account]/pools/[poolId]/heatmap/cell/route";
import { GET as jobFailuresGET } from "@/app/api/accounts/[account]/jobs/[jobId]/failures/route";
import { GET as jobHeatmapGET } from "@/app/api/accounts/[account]/jobs/[jobId]/heatmap/route";
import { GET as poolFailuresGET } from "@/app/api/accounts/[account]/pools/[poolId]/failures/route";
import { GET as poolHeatmapGET } from "@/app/api/accounts/[account]/pools/[poolId]/heatmap/route";
import { INCIDENT_BAD_NODES } from "@/lib/emulator/scenarios/incident";
import { classifyTask } from "@/lib/failures/classify-task";
import { bucketOf } from "@/lib/heatmap/window";
import { cellTasksResponse, failureSummaryResponse, heatmapResponse, type HeatmapResponse } from "@/lib/schemas/failures";
import { all, callOk, emulatorPerSuite, fullHeatmap, odataTime, type RouteParams, sdkTasks, tally } from "./support";

// The incident scenario: one pool of 100 nodes; three of them (a full disk on two, the OOM killer on the
// third) fail most of their ingest tasks since about 90 minutes ago, while transform-v42 has a genuine
// application bug that fails everywhere.
const env = emulatorPerSuite({ scenario: "incident", account: "failures-incident" });
const a = () => env.account;
const POOL = "prod-ingest";
const INGEST = "ingest-2026-11-27";
const TRANSFORM = "transform-v42";
/** The nightly-reindex schedule's runs on the same pool: four earlier ones that ended days ago, and tonight's. */
const REINDEX_RUNS = [1, 2, 3, 4, 5].map((n) => `nightly-reindex:job-${n}`);
const RECENT_REINDEX = "nightly-reindex:job-5";

type Window = { from: number; to: number };

/** What the SDK says completed in the window, classified by the dashboard's own taxonomy. */
async function sdkCompleted(jobIds: string[], w: Window) {
  const filter = `state eq 'completed' and executionInfo/endTime ge ${odataTime(w.from)} and executionInfo/endTime lt ${odataTime(w.to)}`;
  const tasks: (BatchServiceModels.CloudTask & { jobId: string; category?: string; failed: boolean })[] = [];
  for (const jobId of jobIds) {
    for (const t of await sdkTasks(env, jobId, filter)) {
      const c = classifyTask({ ...t, id: t.id! });
      tasks.push({ ...t, jobId, failed: c.outcome === "failed", ...(c.category ? { category: c.category } : {}) });
    }
  }
  return tasks;
}

const poolJobIds = async () =>
  (await all(env.sdk.job.list({ jobListOptions: { filter: `executionInfo/poolId eq '${POOL}'` } }), (l) => env.sdk.job.listNext(l))).map((j) => j.id!);

const badNodeIds = async () => {
  const nodes = await env.sdk.computeNode.list(POOL);
  return INCIDENT_BAD_NODES.map((i) => nodes[i]!.id!);
};

/** The heatmap against the SDK's tasks: totals, every row's count and every cell's count. */
async function expectHeatmapMatchesSdk(h: HeatmapResponse, jobIds: string[], buckets: number) {
  const failed = (await sdkCompleted(jobIds, h.window)).filter((t) => t.failed);
  expect(h.totals.failures).toBe(failed.length);
  expect(h.totals.byCategory).toEqual(tally(failed, (t) => t.category));
  expect(h.excluded).toEqual({ outsideWindow: 0, noNode: 0 });
  expect(h.edges).toHaveLength(buckets + 1);
  expect(h.edges[0]).toBe(h.window.from);
  expect(h.edges.at(-1)).toBe(h.window.to);
  expect(h.counts).toHaveLength(h.rows.length * buckets);
  expect(h.counts.reduce((s, n) => s + n, 0)).toBe(failed.length);

  const perNode = tally(failed, (t) => t.nodeInfo?.nodeId);
  for (const row of h.rows) expect(row.failures, row.nodeId).toBe(perNode[row.nodeId] ?? 0);

  const cells = new Map<number, number>();
  const rowOf = new Map(h.rows.map((r, i) => [r.nodeId, i]));
  for (const t of failed) {
    const cell = rowOf.get(t.nodeInfo!.nodeId!)! * buckets + bucketOf(h.edges, t.executionInfo!.endTime!.getTime());
    cells.set(cell, (cells.get(cell) ?? 0) + 1);
  }
  h.counts.forEach((n, cell) => expect(n, `cell ${cell}`).toBe(cells.get(cell) ?? 0));
  expect(h.maxCell).toBe(Math.max(0, ...h.counts));
  return failed;
}

describe("GET …/pools/[poolId]/failures and …/jobs/[jobId]/failures", () => {
  it("pool: counts by category and exit code equal classifying the SDK's completed tasks of the window", async () => {
    const s = await callOk(poolFailuresGET, `/api/accounts/${a()}/pools/${POOL}/failures?window=1h`, { account: a(), poolId: POOL }, failureSummaryResponse);
    expect(s.scope).toEqual({ kind: "pool", id: POOL });
    expect(s.window.to - s.window.from).toBe(3_600_000);
    const jobs = await poolJobIds();
    expect(jobs.sort()).toEqual([INGEST, ...REINDEX_RUNS, TRANSFORM]);
    const tasks = await sdkCompleted(jobs, s.window);
    const failed = tasks.filter((t) => t.failed);
    expect(failed.length).toBeGreaterThan(30);
    expect(s.completed).toBe(tasks.length);
    expect(s.failed).toBe(failed.length);
    expect(new Set(s.byCategory.map((c) => c.category)).size).toBe(s.byCategory.length);
    expect(Object.fromEntries(s.byCategory.map((c) => [c.category, c.count]))).toEqual(tally(failed, (t) => t.category));
    expect(Object.fromEntries(s.byExitCode.map((c) => [String(c.exitCode), c.count]))).toEqual(tally(failed, (t) => t.executionInfo?.exitCode));
    // Most frequent first.
    const counts = s.byCategory.map((c) => c.count);
    expect(counts).toEqual([...counts].sort((x, y) => y - x));
    // The runs of the schedule that ended days before the window are not read.
    expect(s.jobsRead).toBe(3);
  });

  it.each([INGEST, TRANSFORM])("job %s: the same over an absolute 6-hour window", async (jobId) => {
    const probe = await callOk(jobFailuresGET, `/api/accounts/${a()}/jobs/${jobId}/failures?window=15m`, { account: a(), jobId }, failureSummaryResponse);
    const to = Date.parse(probe.asOf) - 60_000;
    const from = to - 6 * 3_600_000;
    const q = `from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`;
    const s = await callOk(jobFailuresGET, `/api/accounts/${a()}/jobs/${jobId}/failures?${q}`, { account: a(), jobId }, failureSummaryResponse);
    expect(s.scope).toEqual({ kind: "job", id: jobId });
    expect(s.window).toEqual({ from, to });
    const tasks = await sdkCompleted([jobId], s.window);
    const failed = tasks.filter((t) => t.failed);
    expect(failed.length).toBeGreaterThan(20);
    expect(s.completed).toBe(tasks.length);
    expect(s.failed).toBe(failed.length);
    expect(Object.fromEntries(s.byCategory.map((c) => [c.category, c.count]))).toEqual(tally(failed, (t) => t.category));
    expect(Object.fromEntries(s.byExitCode.map((c) => [String(c.exitCode), c.count]))).toEqual(tally(failed, (t) => t.executionInfo?.exitCode));
  });
});

describe("GET …/pools/[poolId]/heatmap and …/jobs/[jobId]/heatmap", () => {
  it("pool: the three bad nodes are the top rows, the verdict is concentrated, and every cell matches the SDK", async () => {
    const h = await fullHeatmap(
      poolHeatmapGET,
      `/api/accounts/${a()}/pools/${POOL}/heatmap?window=1h&buckets=30`,
      { account: a(), poolId: POOL },
      heatmapResponse,
    );
    expect(h.scope).toEqual({ kind: "pool", id: POOL });
    expect(h.poolId).toBe(POOL);
    const bad = await badNodeIds();
    // Today's 100 nodes are all rows, none gone.
    expect(h.rows).toHaveLength(100);
    expect(h.rows.every((r) => !r.gone)).toBe(true);
    expect(
      h.rows
        .slice(0, 3)
        .map((r) => r.nodeId)
        .sort(),
    ).toEqual([...bad].sort());
    expect(h.verdict.kind).toBe("concentrated");
    expect(h.verdict.topNodes.slice(0, 3).sort()).toEqual([...bad].sort());
    // The diagnosis (docs/diagnosis.md): the bad nodes, and transform-v42 failing on healthy nodes too.
    expect(h.diagnosis?.kind).toBe("both");
    expect(h.diagnosis!.nodes.map((n) => n.nodeId).sort()).toEqual([...bad].sort());
    expect(h.diagnosis!.counts).toMatchObject({ nodesInPool: 100, failures: h.totals.failures });
    const failed = await expectHeatmapMatchesSdk(h, [INGEST, TRANSFORM, RECENT_REINDEX], 30);
    console.log(`pool heatmap: ${failed.length} failed tasks in the window; verdict: ${h.verdict.text}`);
    // Rows are worst first.
    const f = h.rows.map((r) => r.failures);
    expect(f).toEqual([...f].sort((x, y) => y - x));
  });

  it("job: the three bad nodes, and only they, are named by a concentrated verdict", async () => {
    const h = await fullHeatmap(jobHeatmapGET, `/api/accounts/${a()}/jobs/${INGEST}/heatmap?window=1h`, { account: a(), jobId: INGEST }, heatmapResponse);
    expect(h.scope).toEqual({ kind: "job", id: INGEST });
    expect(h.poolId).toBe(POOL);
    const bad = await badNodeIds();
    expect(
      h.rows
        .slice(0, 3)
        .map((r) => r.nodeId)
        .sort(),
    ).toEqual([...bad].sort());
    expect(h.verdict.kind).toBe("concentrated");
    expect([...h.verdict.topNodes].sort()).toEqual([...bad].sort());
    expect(h.diagnosis?.kind).toBe("node");
    const failed = await expectHeatmapMatchesSdk(h, [INGEST], 60);
    expect(failed.length).toBeGreaterThan(20);
    // The node states come from the pool's node list.
    const nodes = await env.sdk.computeNode.list(POOL);
    for (const row of h.rows) expect(row.state).toBe(nodes.find((n) => n.id === row.nodeId)!.state);
  });

  it("job with a bug that fails everywhere: the verdict is spread, not a node problem", async () => {
    const h = await fullHeatmap(
      jobHeatmapGET,
      `/api/accounts/${a()}/jobs/${TRANSFORM}/heatmap?window=6h&buckets=24`,
      { account: a(), jobId: TRANSFORM },
      heatmapResponse,
    );
    expect(h.verdict.kind).toBe("spread");
    expect(h.diagnosis?.kind).toBe("job");
    expect(h.diagnosis?.nodes).toEqual([]);
    await expectHeatmapMatchesSdk(h, [TRANSFORM], 24);
  });
});

describe("GET …/heatmap/cell (pool and job)", () => {
  it.each(["pool", "job"] as const)("%s: the busiest cell of the worst node lists the very failed tasks the SDK finds there", async (kind) => {
    const scope: { path: string; params: RouteParams } =
      kind === "pool" ? { path: `pools/${POOL}`, params: { poolId: POOL } } : { path: `jobs/${INGEST}`, params: { jobId: INGEST } };
    const buckets = 12;
    const h = await callOk(
      kind === "pool" ? poolHeatmapGET : jobHeatmapGET,
      `/api/accounts/${a()}/${scope.path}/heatmap?window=6h&buckets=${buckets}`,
      { account: a(), ...scope.params },
      heatmapResponse,
    );
    const row = h.rows[0]!;
    const cells = h.counts.slice(0, buckets);
    const b = cells.indexOf(Math.max(...cells));
    const [cellFrom, cellTo] = [h.edges[b]!, h.edges[b + 1]!];
    const q = `window=6h&nodeId=${row.nodeId}&cellFrom=${new Date(cellFrom).toISOString()}&cellTo=${new Date(cellTo).toISOString()}`;
    const cell = await callOk(
      kind === "pool" ? poolHeatmapCellGET : jobHeatmapCellGET,
      `/api/accounts/${a()}/${scope.path}/heatmap/cell?${q}`,
      { account: a(), ...scope.params },
      cellTasksResponse,
    );
    const jobs = kind === "pool" ? await poolJobIds() : [INGEST];
    const failed = (await sdkCompleted(jobs, { from: cellFrom, to: cellTo })).filter((t) => t.failed && t.nodeInfo?.nodeId === row.nodeId);
    expect(failed.length).toBe(cells[b]);
    expect(cell).toMatchObject({ nodeId: row.nodeId, from: cellFrom, to: cellTo });
    const listed = cell.groups.flatMap((g) => g.tasks.map((t) => ({ ...t, category: g.category })));
    expect(listed.map((t) => `${t.jobId}/${t.taskId}`).sort()).toEqual(failed.map((t) => `${t.jobId}/${t.id}`).sort());
    for (const t of listed) expect(t.category).toBe(failed.find((f) => f.jobId === t.jobId && f.id === t.taskId)!.category);
    expect(cells[b]).toBeGreaterThan(0);
  });
});

describe("a failed task that never reached a node", () => {
  it("is counted by the summary and shown as excluded (noNode) by the heatmap, never silently dropped", async () => {
    // A job whose pool does not exist yet: its task waits, and is ended before any node ran it.
    const jobId = "orphan-job";
    await env.sdk.job.add({ id: jobId, poolInfo: { poolId: "pool-not-created-yet" } });
    await env.sdk.task.add(jobId, { id: "never-ran", commandLine: "/bin/sh -c 'echo hi'" });
    await env.sdk.task.terminate(jobId, "never-ran");
    const t = await env.sdk.task.get(jobId, "never-ran");
    expect(t).toMatchObject({ state: "completed", executionInfo: { result: "failure" } });
    expect(t.nodeInfo).toBeUndefined();
    const end = t.executionInfo!.endTime!.getTime();
    const q = `from=${new Date(end - 3_600_000).toISOString()}&to=${new Date(end + 60_000).toISOString()}`;

    const s = await callOk(jobFailuresGET, `/api/accounts/${a()}/jobs/${jobId}/failures?${q}`, { account: a(), jobId }, failureSummaryResponse);
    expect(s).toMatchObject({ completed: 1, failed: 1, byCategory: [{ category: "Terminated", count: 1 }] });

    const h = await fullHeatmap(jobHeatmapGET, `/api/accounts/${a()}/jobs/${jobId}/heatmap?${q}`, { account: a(), jobId }, heatmapResponse);
    expect(h.rows).toEqual([]);
    expect(h.totals.failures).toBe(0);
    expect(h.excluded).toEqual({ outsideWindow: 0, noNode: 1 });
  });
});
