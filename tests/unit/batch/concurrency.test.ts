import { describe, expect, it } from "vitest";
import { mapLimit } from "@/lib/batch/map-limit";
import { ReadCache } from "@/lib/batch/read-cache";
import { Semaphore } from "@/lib/batch/semaphore";

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

describe("Semaphore and mapLimit", () => {
  it("never runs more than the limit at once", async () => {
    const slots = new Semaphore(3);
    let active = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        slots.run(async () => {
          peak = Math.max(peak, ++active);
          await tick();
          active--;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(slots.inUse).toBe(0);
  });

  it("keeps results in input order with bounded concurrency", async () => {
    let active = 0;
    let peak = 0;
    const out = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
      peak = Math.max(peak, ++active);
      await new Promise((r) => setTimeout(r, n * 2));
      active--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });
});
