import { expect, it } from "vitest";
import { heatmapResponse } from "@/lib/schemas/failures";
import { handlers } from "./route-table";
import { all, callOk, emulatorPerSuite } from "./support";

const env = emulatorPerSuite({ scenario: "incident", account: "incremental" });
const POOL = "prod-ingest";
const JOB = "transform-v42";
const heatmapUrl = () => `/api/accounts/${env.account}/pools/${POOL}/heatmap?window=6h`;
const heatmap = () => callOk(handlers.poolHeatmapGET, heatmapUrl(), { account: env.account, poolId: POOL }, heatmapResponse);
/** Reads are shared for 5 s of real time; a refresh after that is a new read. */
const waitOutCache = () => new Promise((r) => setTimeout(r, 5_200));

/** Failed tasks of the pool that ended in the heatmap's window, read straight from Batch. */
async function failedInWindow(window: { from: number; to: number }): Promise<number> {
  let n = 0;
  // nightly-reindex:job-5 is the pool's scheduled run of tonight; its earlier runs ended days before the window.
  for (const job of ["ingest-2026-11-27", JOB, "nightly-reindex:job-5"]) {
    const failed = await all(
      env.sdk.task.list(job, { taskListOptions: { filter: "executionInfo/result eq 'failure'", select: "id,executionInfo,nodeInfo" } }),
      (link) => env.sdk.task.listNext(link),
    );
    for (const t of failed) {
      const end = t.executionInfo?.endTime?.getTime() ?? 0;
      if (t.nodeInfo?.nodeId && end >= window.from && end < window.to) n++;
    }
  }
  return n;
}

it("refreshes a live window from what changed: new failures join, reactivated tasks leave, one page a job", async () => {
  const first = await heatmap();
  expect(first.totals.failures).toBe(await failedInWindow(first.window));

  await env.sdk.task.add(JOB, { id: "late-bug", commandLine: '/bin/sh -c "echo boom >&2; exit 3"' });
  env.emu.advance(120_000);
  const added = await env.sdk.task.get(JOB, "late-bug");
  expect(added.executionInfo?.result).toBe("failure");

  await waitOutCache();
  await env.resetStats();
  const second = await heatmap();
  // Read the emulator's count before the test's own SDK reads add to it.
  const stats = await env.stats();
  expect(second.totals.failures).toBe(await failedInWindow(second.window));
  const taskPages = Object.entries(stats.byRoute)
    .filter(([route]) => /^GET \/jobs\/[^/]+\/tasks$/.test(route))
    .reduce((a, [, n]) => a + n, 0);
  // One page of changes per job in the window (ingest, transform, tonight's reindex run), instead of the
  // pages of every task in the window.
  expect(taskPages).toBe(3);
  expect(second.pagesRead).toBe(3);
  expect(Object.keys(stats.byRoute).some((r) => r.endsWith("/taskcounts"))).toBe(false);

  await env.sdk.task.reactivate(JOB, "late-bug");
  await waitOutCache();
  const third = await heatmap();
  // Batch no longer counts the reactivated task as failed; the refreshed heatmap must agree.
  expect((await env.sdk.task.get(JOB, "late-bug")).state).not.toBe("completed");
  expect(third.totals.failures).toBe(await failedInWindow(third.window));
  expect(third.pagesRead).toBe(3);
});
