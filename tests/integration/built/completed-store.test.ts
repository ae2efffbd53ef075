import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { heatmapResponse, type HeatmapResponse } from "@/lib/schemas/failures";
import { fullHeatmapAnswer } from "../../support/heatmap-answer";
import { all } from "../../support/sdk-paging";
import { stackPerFile } from "../../support/stack";

// Completed work is immutable (docs/architecture.md "Store"): the tasks of a completed job, once read, are
// kept in the store file, so a restarted dashboard answers the same heatmap without listing that job's
// tasks again, while an active job is read from Batch as before. A built dashboard (server.ts) on a socket,
// restarted on the same store file; the emulator's request counter says what reached Batch.
const ACCOUNT = "store16";
const POOL = "prod-ingest";
const DONE = "transform-v42";
const ACTIVE = "ingest-2026-11-27";
const HOUR = 3_600_000;

const stack = stackPerFile({ beforeAll, afterAll }, { scenario: "incident", account: ACCOUNT, speed: 1e-6 });

async function emulatorStats(): Promise<Record<string, number>> {
  const res = await fetch(`${stack().emu.url}/__emulator/stats`);
  return ((await res.json()) as { byRoute: Record<string, number> }).byRoute;
}
const resetStats = () => fetch(`${stack().emu.url}/__emulator/stats/reset`, { method: "POST" }).then((r) => r.arrayBuffer());

/** Calls that listed a job's tasks (the failed ones, every completed one, or its task counts). */
const taskCalls = (stats: Record<string, number>, jobId: string) =>
  Object.entries(stats)
    .filter(([route]) => route.includes(`/jobs/${jobId}/task`))
    .reduce((n, [, c]) => n + c, 0);

/** What a heatmap says, without when it was asked. */
const verdictOf = (h: HeatmapResponse) => ({ ...h, asOf: "", jobsRead: 0, pagesRead: 0 });

/** Every row's failures against the failed tasks the SDK lists in the window, job by job: exact per node. */
async function expectExactFailures(h: HeatmapResponse, from: number, to: number) {
  const { client } = stack();
  const iso = (ms: number) => `DateTime'${new Date(ms).toISOString()}'`;
  const filter = `state eq 'completed' and executionInfo/result eq 'failure' and executionInfo/endTime ge ${iso(from)} and executionInfo/endTime lt ${iso(to)}`;
  const perNode: Record<string, number> = {};
  let failures = 0;
  for (const jobId of (await all(client.job.list({ jobListOptions: { filter: `executionInfo/poolId eq '${POOL}'` } }), (l) => client.job.listNext(l))).map(
    (j) => j.id!,
  ))
    for (const t of await all(client.task.list(jobId, { taskListOptions: { filter } }), (l) => client.task.listNext(l)))
      if (++failures && t.nodeInfo?.nodeId) perNode[t.nodeInfo.nodeId] = (perNode[t.nodeInfo.nodeId] ?? 0) + 1;
  expect(failures).toBe(h.totals.failures);
  for (const row of h.rows) expect(row.failures, row.nodeId).toBe(perNode[row.nodeId] ?? 0);
}

describe("completed tasks kept in the store", () => {
  it("a restarted dashboard reads none of a completed job's tasks again, gives the same heatmap, and reads an active job again", async () => {
    const { client } = stack();
    await client.job.terminate(DONE);
    await stack().advance(5);
    const done = await client.job.get(DONE);
    expect(done.state).toBe("completed");
    expect((await client.job.get(ACTIVE)).state).toBe("active");

    // A pinned window over the completed job's last hours (its end inside it) and the active job's.
    const to = done.executionInfo!.endTime!.getTime() + 60_000;
    const query = `from=${new Date(to - 6 * HOUR).toISOString()}&to=${new Date(to).toISOString()}&buckets=60`;
    const url = () => `${stack().dashboard.url}/api/accounts/${ACCOUNT}/pools/${POOL}/heatmap?${query}`;

    await resetStats();
    const before = heatmapResponse.parse(await fullHeatmapAnswer(url()));
    const cold = await emulatorStats();
    expect(taskCalls(cold, DONE)).toBeGreaterThan(0);
    expect(before.totals.failures).toBeGreaterThan(10);
    expect(before.rows.some((r) => r.failures > 0)).toBe(true);

    await stack().restartDashboard();
    await resetStats();
    const first = heatmapResponse.parse(await (await fetch(url())).json());
    const after = heatmapResponse.parse(await fullHeatmapAnswer(url()));
    const warm = await emulatorStats();
    expect(taskCalls(warm, DONE), JSON.stringify(warm)).toBe(0);
    expect(taskCalls(warm, ACTIVE), JSON.stringify(warm)).toBeGreaterThan(0);
    expect(verdictOf(after)).toEqual(verdictOf(before));
    // Checked after the counts were taken: the SDK's own listing reaches the emulator too. The first answer
    // after the restart (from the store and the active job's failures) and the full one are exact.
    await expectExactFailures(first, to - 6 * HOUR, to);
    await expectExactFailures(after, to - 6 * HOUR, to);
  }, 180_000);
});
