import { expect, it } from "vitest";
import { heatmapProgress, heatmapResponse } from "@/lib/schemas/failures";
import { handlers } from "./route-table";
import { call, callOk, emulatorPerSuite } from "./support";

const env = emulatorPerSuite({ scenario: "incident", account: "progress" });

it("reports pages read, of an estimate, while a heatmap's read runs, and nothing once it is done", async () => {
  // Slow every Batch answer so the read takes long enough to be watched.
  await env.control("PUT", "/faults", { latencyMs: 150 });
  try {
    const query = "window=6h";
    const heatmapCall = () =>
      callOk(
        handlers.poolHeatmapGET,
        `/api/accounts/progress/pools/prod-ingest/heatmap?${query}`,
        { account: "progress", poolId: "prod-ingest" },
        heatmapResponse,
      );
    // The first answer may come from the failed tasks alone while the full read goes on (docs/diagnosis.md,
    // "Failures first"): the progress is the full read's, so it is watched until that read is done.
    const first = heatmapCall();
    const seen: { pagesRead?: number; pagesEstimate?: number; jobsTotal?: number }[] = [];
    let done = false;
    void first.finally(() => (done = true));
    for (let loading = true; !done || loading;) {
      const p = await callOk(
        handlers.poolHeatmapProgressGET,
        `/api/accounts/progress/pools/prod-ingest/heatmap/progress?${query}`,
        { account: "progress", poolId: "prod-ingest" },
        heatmapProgress,
      );
      loading = p.loading;
      if (p.loading) seen.push(p);
      await new Promise((r) => setTimeout(r, 50));
    }
    await first;
    // The full read is done and cached: this answer is the full one, with the pages that read took.
    const result = await heatmapCall();
    expect(result.ratesPending).toBeUndefined();
    expect(seen.length).toBeGreaterThan(0);
    const last = seen.at(-1)!;
    expect(last.jobsTotal).toBe(result.jobsRead);
    expect(seen.some((p) => p.pagesEstimate !== undefined && p.pagesEstimate >= result.pagesRead)).toBe(true);
    // Progress only moves forward and never passes what the finished read reports.
    const pages = seen.map((p) => p.pagesRead ?? 0);
    expect(pages).toEqual([...pages].sort((a, b) => a - b));
    expect(Math.max(...pages)).toBeLessThanOrEqual(result.pagesRead);

    const after = await callOk(
      handlers.poolHeatmapProgressGET,
      `/api/accounts/progress/pools/prod-ingest/heatmap/progress?${query}`,
      { account: "progress", poolId: "prod-ingest" },
      heatmapProgress,
    );
    expect(after).toEqual({ loading: false });
  } finally {
    await env.control("DELETE", "/faults");
  }
});

it("validates the window like the heatmap does, and never calls Batch", async () => {
  await env.resetStats();
  const r = await call(handlers.poolHeatmapProgressGET, "/api/accounts/progress/pools/prod-ingest/heatmap/progress?window=2h", {
    account: "progress",
    poolId: "prod-ingest",
  });
  expect(r.status).toBe(400);
  const ok = await call(handlers.jobHeatmapProgressGET, "/api/accounts/progress/jobs/transform-v42/heatmap/progress?window=1h", {
    account: "progress",
    jobId: "transform-v42",
  });
  expect(ok.status).toBe(200);
  expect((await env.stats()).total).toBe(0);
});
