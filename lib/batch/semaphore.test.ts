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
