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
    const heatmap = callOk(
      handlers.poolHeatmapGET,
      `/api/accounts/progress/pools/prod-ingest/heatmap?${query}`,
      { account: "progress", poolId: "prod-ingest" },
      heatmapResponse,
    );
    const seen: { pagesRead?: number; pagesEstimate?: number; jobsTotal?: number }[] = [];
    let done = false;
    void heatmap.finally(() => (done = true));
    while (!done) {
      const p = await callOk(
        handlers.poolHeatmapProgressGET,
        `/api/accounts/progress/pools/prod-ingest/heatmap/progress?${query}`,
        { account: "progress", poolId: "prod-ingest" },
        heatmapProgress,
      );
      if (p.loading) seen.push(p);
      await new Promise((r) => setTimeout(r, 50));
    }
    const result = await heatmap;
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
