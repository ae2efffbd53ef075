import { describe, expect, it } from "vitest";
import { TooManyRequestsError } from "@/lib/errors/api-error";
import { ScanSlots } from "@/lib/batch/scan-slots";

describe("ScanSlots", () => {
  it("refuses a user's scan past their limit, while other users still get slots", () => {
    const slots = new ScanSlots(2, 4);
    slots.acquire("ana");
    slots.acquire("ana");
    expect(() => slots.acquire("ana")).toThrow(TooManyRequestsError);
    expect(() => slots.acquire("ana")).toThrow(/at most 2 at once/);
    expect(() => slots.acquire("ben")).not.toThrow();
    expect(slots.inUse).toBe(3);
  });

  it("refuses any scan past the server's limit, naming the server, with when to retry", () => {
    const slots = new ScanSlots(2, 4);
    for (const who of ["ana", "ana", "ben", "cem"]) slots.acquire(who);
    let refused: unknown;
    try {
      slots.acquire("dan");
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(TooManyRequestsError);
    expect((refused as TooManyRequestsError).info).toMatchObject({ kind: "throttled", status: 429, code: "ServerBusyScanning" });
    expect((refused as TooManyRequestsError).info.retryAfterSeconds).toBeGreaterThan(0);
  });

  it("gives a slot back once, however many times its release is called", () => {
    const slots = new ScanSlots(2, 4);
    const release = slots.acquire("ana");
    slots.acquire("ana");
    release();
    release();
    release();
    expect(slots.inUse).toBe(1);
    expect(() => slots.acquire("ana")).not.toThrow();
    expect(() => slots.acquire("ana")).toThrow(TooManyRequestsError);
  });
});
