import { describe, expect, it } from "vitest";
import { SimClock } from "./clock";
import { EventQueue } from "./events";

describe("EventQueue", () => {
  it("runs due events in time order, each seeing its own time as now", () => {
    const clock = new SimClock(1_000_000, 1);
    const queue = new EventQueue(clock);
    const seen: [string, number][] = [];
    // Absolute times: the clock runs in real time between these lines.
    const t0 = clock.now();
    queue.at(t0 + 3_000, () => seen.push(["c", queue.now()]));
    queue.at(t0 + 1_000, () => {
      seen.push(["a", queue.now()]);
      // Chained from a past event: scheduled relative to that event's time, not the jumped clock.
      queue.after(500, () => seen.push(["b", queue.now()]));
    });
    queue.at(t0 + 60_000, () => seen.push(["late", queue.now()]));
    clock.advance(5_000);
    queue.runDue();
    expect(seen.map(([n]) => n)).toEqual(["a", "b", "c"]);
    expect(seen.map(([, t]) => t - t0)).toEqual([1_000, 1_500, 3_000]);
    expect(queue.size).toBe(1);
    queue.close();
  });

  it("keeps insertion order for events at the same time", () => {
    const clock = new SimClock(0, 1);
    const queue = new EventQueue(clock);
    const order: number[] = [];
    for (let i = 0; i < 5; i++) queue.at(clock.now() + 100, () => order.push(i));
    clock.advance(200);
    queue.runDue();
    expect(order).toEqual([0, 1, 2, 3, 4]);
    queue.close();
  });
});

describe("SimClock", () => {
  it("runs speed times faster than real time and only forward", async () => {
    const clock = new SimClock(0, 1000);
    const t0 = clock.now();
    await new Promise((r) => setTimeout(r, 20));
    expect(clock.now() - t0).toBeGreaterThanOrEqual(15_000);
    expect(() => clock.advance(-1)).toThrow();
  });
});
