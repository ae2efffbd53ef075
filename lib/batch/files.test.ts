import { describe, expect, it } from "vitest";
import { rangesWhileIdle, SLOTS_KEPT_FREE } from "./files";
import type { RequestSlots } from "./request-policy";
import { Semaphore } from "./semaphore";

/** Slots with `held` reads running (each until released) and `waiting` more queued behind them. */
function busy(held: number, waiting = 0): { slots: RequestSlots; release: () => void } {
  const slots: RequestSlots = { reads: new Semaphore(8), actions: new Semaphore(8) };
  let release = () => {};
  const gate = new Promise<void>((r) => (release = r));
  for (let i = 0; i < held + waiting; i++) void slots.reads.run(() => gate);
  return { slots, release };
}

describe("rangesWhileIdle", () => {
  it("keeps half the read slots, and grows one at a time while the rest stand idle, never into the last two", () => {
    const { slots, release } = busy(4);
    expect(rangesWhileIdle(slots, 0)).toBe(4);
    expect(rangesWhileIdle(slots, 4)).toBe(5);
    expect(rangesWhileIdle(slots, 5)).toBe(6);
    expect(rangesWhileIdle(slots, 6)).toBe(8 - SLOTS_KEPT_FREE);
    release();
  });

  it("does not grow when only the kept slots are free, or when anyone waits for a slot", () => {
    const crowded = busy(6);
    expect(rangesWhileIdle(crowded.slots, 4)).toBe(4);
    crowded.release();
    const queued = busy(8, 1);
    expect(rangesWhileIdle(queued.slots, 5)).toBe(4);
    queued.release();
  });
});
