import { describe, expect, it } from "vitest";
import { GET as jobFailuresGET } from "@/app/api/accounts/[account]/jobs/[jobId]/failures/route";
import { failureSummaryResponse } from "@/lib/schemas/failures";
import { callOk, emulatorPerSuite, odataTime, sdkTasks } from "./support";

// Two "Copy link"s of one incident taken seconds apart share one read and one cache entry: the second costs
// no Batch call, and each still counts exactly the tasks of its own window.
const env = emulatorPerSuite({ scenario: "incident", account: "pinned-cache" });
const JOB = "ingest-2026-11-27";
const MINUTE = 60_000;

const summary = (from: number, to: number) =>
  callOk(
    jobFailuresGET,
    `/api/accounts/${env.account}/jobs/${JOB}/failures?from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`,
    { account: env.account, jobId: JOB },
    failureSummaryResponse,
  );

async function sdkCompletedCount(from: number, to: number): Promise<number> {
  const filter = `state eq 'completed' and executionInfo/endTime ge ${odataTime(from)} and executionInfo/endTime lt ${odataTime(to)}`;
  return (await sdkTasks(env, JOB, filter)).length;
}

describe("pinned windows in the read cache", () => {
  it("serves a link copied seconds after another from the same read, cut to its own window", async () => {
    const probe = await callOk(
      jobFailuresGET,
      `/api/accounts/${env.account}/jobs/${JOB}/failures?window=15m`,
      { account: env.account, jobId: JOB },
      failureSummaryResponse,
    );
    const firstTo = Math.floor((Date.parse(probe.asOf) - 5 * MINUTE) / MINUTE) * MINUTE + 10_000;
    const links = [firstTo, firstTo + 7_000].map((to) => ({ from: to - 60 * MINUTE, to }));

    await env.resetStats();
    const first = await summary(links[0]!.from, links[0]!.to);
    expect((await env.stats()).total).toBeGreaterThan(0);
    await env.resetStats();
    const second = await summary(links[1]!.from, links[1]!.to);
    expect((await env.stats()).total).toBe(0);

    for (const [s, w] of [
      [first, links[0]!],
      [second, links[1]!],
    ] as const) {
      expect(s.window).toEqual(w);
      expect(s.completed).toBe(await sdkCompletedCount(w.from, w.to));
    }
    expect(first.completed).toBeGreaterThan(0);
  });
});
