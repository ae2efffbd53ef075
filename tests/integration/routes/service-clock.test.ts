import { beforeAll, describe, expect, it } from "vitest";
import { GET as jobHeatmapGET } from "@/app/api/accounts/[account]/jobs/[jobId]/heatmap/route";
import { GET as tasksGET } from "@/app/api/accounts/[account]/jobs/[jobId]/tasks/route";
import { GET as poolFailuresGET } from "@/app/api/accounts/[account]/pools/[poolId]/failures/route";
import { failureSummaryResponse, heatmapResponse } from "@/lib/schemas/failures";
import { taskPage } from "@/lib/schemas/tasks";
import { callOk, emulatorPerSuite, fullHeatmap, odataTime, type RouteTestEnv, sdkTasks } from "./support";

// Time windows are computed against the Batch service's clock (its Date header), not the
// dashboard server's, so a skewed machine cannot empty a heatmap. Here the service runs 3 hours ahead of
// this machine, and each account's very first request is windowed: its clock is not known yet.
const AHEAD_MS = 3 * 3_600_000;

async function serviceNow(env: RouteTestEnv): Promise<number> {
  return Date.parse((await env.control<{ now: string }>("GET", "")).now);
}

function skewed(account: string): RouteTestEnv {
  const env = emulatorPerSuite({ scenario: "demo", account });
  beforeAll(async () => {
    await env.control("POST", "/clock/advance", { seconds: AHEAD_MS / 1000 });
  });
  return env;
}

describe("failures and heatmap on an account's first request", () => {
  const env = skewed("skewed-scope");

  it("window=1h ends at the service's now, not this machine's", async () => {
    const now = await serviceNow(env);
    expect(now - Date.now()).toBeGreaterThan(AHEAD_MS - 60_000);
    const s = await callOk(
      poolFailuresGET,
      `/api/accounts/${env.account}/pools/etl-pool/failures?window=1h`,
      { account: env.account, poolId: "etl-pool" },
      failureSummaryResponse,
    );
    expect(Math.abs(s.window.to - now)).toBeLessThan(5_000);
    expect(Math.abs(Date.parse(s.asOf) - now)).toBeLessThan(5_000);
  });

  it("a job heatmap of the last 6 h counts the failures of the service's last 6 h", async () => {
    const h = await fullHeatmap(
      jobHeatmapGET,
      `/api/accounts/${env.account}/jobs/etl-nightly/heatmap?window=6h`,
      { account: env.account, jobId: "etl-nightly" },
      heatmapResponse,
    );
    const now = await serviceNow(env);
    expect(Math.abs(h.window.to - now)).toBeLessThan(5_000);
    const failed = await sdkTasks(
      env,
      "etl-nightly",
      `executionInfo/result eq 'failure' and executionInfo/endTime ge ${odataTime(h.window.from)} and executionInfo/endTime lt ${odataTime(h.window.to)}`,
    );
    expect(h.totals.failures).toBe(failed.length);
  });
});

describe("the task list on an account's first request", () => {
  const env = skewed("skewed-tasks");

  it("window=6h returns the tasks that ended in the service's last 6 hours", async () => {
    const page = await callOk(
      tasksGET,
      `/api/accounts/${env.account}/jobs/etl-nightly/tasks?window=6h&pageSize=1000`,
      { account: env.account, jobId: "etl-nightly" },
      taskPage,
    );
    const now = await serviceNow(env);
    const expected = await sdkTasks(
      env,
      "etl-nightly",
      `executionInfo/endTime ge ${odataTime(now - 6 * 3_600_000 + 5_000)} and executionInfo/endTime lt ${odataTime(now)}`,
    );
    for (const t of page.tasks) expect(Date.parse(t.endTime!), t.id).toBeGreaterThanOrEqual(now - 6 * 3_600_000 - 5_000);
    const ids = new Set(page.tasks.map((t) => t.id));
    for (const t of expected) expect(ids.has(t.id!), t.id).toBe(true);
  });
});
