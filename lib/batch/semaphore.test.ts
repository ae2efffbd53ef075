import { describe, expect, it } from "vitest";
import { mapLimit } from "@/lib/batch/map-limit";
import { Semaphore } from "@/lib/batch/semaphore";

const tick = () => new Promise((r) => setTimeout(r, 5));

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

describe("Semaphore and abort signals", () => {
  it("drops a waiter whose signal aborts, and hands the slot to the next one", async () => {
    const slots = new Semaphore(1);
    let release = () => {};
    const holder = slots.run(() => new Promise<void>((r) => (release = r)));
    const leaving = new AbortController();
    const ran: string[] = [];
    const first = slots.run(async () => void ran.push("aborted one"), leaving.signal);
    const second = slots.run(async () => void ran.push("second"));
    expect(slots.queued).toBe(2);
    leaving.abort();
    await expect(first).rejects.toThrow(/aborted/);
    expect(slots.queued).toBe(1);
    release();
    await holder;
    await second;
    expect(ran).toEqual(["second"]);
    expect(slots.inUse).toBe(0);
  });

  it("refuses at once a task whose signal is already aborted", async () => {
    const slots = new Semaphore(1);
    await expect(slots.run(async () => 1, AbortSignal.abort())).rejects.toThrow(/aborted/);
    expect(slots.inUse).toBe(0);
  });
});
