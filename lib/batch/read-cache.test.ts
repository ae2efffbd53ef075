import { describe, expect, it } from "vitest";
import { ReadCache } from "@/lib/batch/read-cache";

const tick = () => new Promise((r) => setTimeout(r, 5));

describe("ReadCache", () => {
  it("runs one load for many identical reads in flight, and serves the result within the TTL", async () => {
    const cache = new ReadCache();
    let loads = 0;
    const load = async () => {
      loads++;
      await tick();
      return { n: loads };
    };
    const results = await Promise.all(Array.from({ length: 50 }, () => cache.get("k", 1_000, load)));
    expect(loads).toBe(1);
    expect(new Set(results).size).toBe(1);
    await cache.get("k", 1_000, load);
    expect(loads).toBe(1);
    cache.invalidate("k");
    await cache.get("k", 1_000, load);
    expect(loads).toBe(2);
  });

  it("shares a failure with the callers in flight but does not keep it", async () => {
    const cache = new ReadCache();
    let calls = 0;
    const failing = async () => {
      calls++;
      await tick();
      throw new Error("boom");
    };
    const settled = await Promise.allSettled([cache.get("k", 1_000, failing), cache.get("k", 1_000, failing)]);
    expect(settled.map((s) => s.status)).toEqual(["rejected", "rejected"]);
    expect(calls).toBe(1);
    await expect(cache.get("k", 1_000, async () => "ok")).resolves.toBe("ok");
  });

  it("does not keep results with a TTL of zero (file bytes)", async () => {
    const cache = new ReadCache();
    let loads = 0;
    await cache.get("k", 0, async () => ++loads);
    await cache.get("k", 0, async () => ++loads);
    expect(loads).toBe(2);
  });
});
