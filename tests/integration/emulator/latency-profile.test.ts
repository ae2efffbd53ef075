import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./harness";

/** The latency profile (README, "Latency profile"): a list page costs latencyMs plus perItemMs per item it returns. */

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ scenario: "incident" });
});
afterAll(() => h.close());

const timed = async (run: () => Promise<unknown>) => {
  const started = performance.now();
  await run();
  return performance.now() - started;
};
const nodes = (maxResults: number) => () => h.client.computeNode.list("prod-ingest", { computeNodeListOptions: { maxResults } });

describe("per-item page cost", () => {
  it("is set and read back through the control API, and refused when negative", async () => {
    expect(await h.control("PUT", "/faults", { perItemMs: 2 })).toMatchObject({ perItemMs: 2, latencyMs: 0 });
    await expect(h.control("PUT", "/faults", { perItemMs: -1 })).rejects.toThrow(/400/);
    expect(await h.control("DELETE", "/faults")).toMatchObject({ perItemMs: 0 });
  });

  it("makes a page of 100 items cost 100 times the per-item figure, and a page of one almost nothing", async () => {
    // The bounds below are against the slowed page itself, not fixed times: on a loaded machine the same
    // page of 100 took 485 ms with no profile at all (once, while several test suites ran).
    await h.control("PUT", "/faults", { perItemMs: 10 });
    let big: number;
    try {
      big = await timed(nodes(100));
      const small = await timed(nodes(1));
      expect(big).toBeGreaterThanOrEqual(990);
      expect(small).toBeLessThan(big / 4);
    } finally {
      await h.control("DELETE", "/faults");
    }
    // Switched off, the same page is fast again.
    expect(await timed(nodes(100))).toBeLessThan(big / 2);
  });

  it("adds to the per-request latency and leaves a GET of one entity alone", async () => {
    await h.control("PUT", "/faults", { latencyMs: 100, perItemMs: 5 });
    try {
      expect(await timed(nodes(20))).toBeGreaterThanOrEqual(195);
      const one = await timed(() => h.client.pool.get("prod-ingest"));
      expect(one).toBeGreaterThanOrEqual(95);
      expect(one).toBeLessThan(180);
    } finally {
      await h.control("DELETE", "/faults");
    }
  });
});
