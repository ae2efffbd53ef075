import { describe, expect, it } from "vitest";
import { approximateBytes, ReadCache } from "@/lib/batch/read-cache";

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

  it("says whether a read is kept, in flight or neither, and a value too big to keep is neither once done", async () => {
    let now = 0;
    const cache = new ReadCache({ maxBytes: 1_000, now: () => now });
    expect(cache.state("k")).toBeUndefined();
    const pending = cache.get("k", 1_000, async () => (await tick(), { n: 1 }));
    expect(cache.state("k")).toBe("loading");
    await pending;
    expect(cache.state("k")).toBe("kept");
    now += 1_001;
    expect(cache.state("k")).toBeUndefined();
    await cache.get("big", 1_000, async () => "x".repeat(600));
    expect(cache.state("big")).toBeUndefined();
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

describe("ReadCache bounds", () => {
  const kib = (n: number) => ({ bytes: Buffer.alloc(n * 1024) });

  it("keeps values within its byte budget, evicting the least recently used first", async () => {
    const cache = new ReadCache({ maxBytes: 10 * 1024 });
    for (const k of ["a", "b", "c"]) await cache.get(k, 60_000, async () => kib(3));
    // A hit makes "a" the most recently used: "b" is the one to go for "d".
    let loads = 0;
    await cache.get("a", 60_000, async () => (loads++, kib(3)));
    await cache.get("d", 60_000, async () => kib(3));
    expect(cache.bytes).toBeLessThanOrEqual(10 * 1024);
    expect(cache.entries).toBe(3);
    for (const k of ["a", "c", "d"]) await cache.get(k, 60_000, async () => (loads++, kib(3)));
    expect(loads).toBe(0);
    await cache.get("b", 60_000, async () => (loads++, kib(3)));
    expect(loads).toBe(1);
  });

  it("sweeps expired entries, so their bytes are given back without anyone asking for them again", async () => {
    let now = 1_000_000;
    const cache = new ReadCache({ maxBytes: 1024 * 1024, now: () => now });
    for (let i = 0; i < 20; i++) await cache.get(`pinned-${i}`, 5_000, async () => kib(10));
    await cache.get("long-lived", 600_000, async () => kib(1));
    expect(cache.entries).toBe(21);
    now += 11_000;
    await cache.get("another", 5_000, async () => kib(1));
    expect(cache.entries).toBe(2);
    expect(cache.bytes).toBeLessThan(3 * 1024);
  });

  it("does not keep a value larger than half its budget, and gives back an invalidated entry's bytes", async () => {
    const cache = new ReadCache({ maxBytes: 10 * 1024 });
    await cache.get("small", 60_000, async () => kib(2));
    await cache.get("huge", 60_000, async () => kib(6));
    expect(cache.entries).toBe(1);
    const before = cache.bytes;
    expect(before).toBeGreaterThanOrEqual(2 * 1024);
    cache.invalidate("sm");
    expect(cache.bytes).toBe(0);
    expect(cache.entries).toBe(0);
  });
});

describe("approximateBytes", () => {
  it("counts binary data by its length and JSON-like values about as JSON does", () => {
    expect(approximateBytes(Buffer.alloc(65_536))).toBe(65_536);
    expect(approximateBytes({ bytes: Buffer.alloc(1000), asOf: "2026-12-02T10:00:00.000Z" })).toBeGreaterThanOrEqual(1000);
    const tasks = Array.from({ length: 500 }, (_, i) => ({
      id: `task-${i}`,
      jobId: "etl",
      endTime: 1_700_000_000_000 + i,
      failed: i % 3 === 0,
      category: "UserError",
    }));
    const json = JSON.stringify({ tasks }).length;
    const approx = approximateBytes({ tasks });
    expect(approx).toBeGreaterThan(json * 0.7);
    expect(approx).toBeLessThan(json * 1.5);
  });
});
