import { describe, expect, it } from "vitest";
import { compareNatural } from "./compare-natural";

const sorted = (ids: string[]) => [...ids].sort(compareNatural);

describe("compareNatural", () => {
  it("puts _2 before _10 and _100", () => {
    expect(sorted(["n_1", "n_10", "n_100", "n_11", "n_2"])).toEqual(["n_1", "n_2", "n_10", "n_11", "n_100"]);
  });

  it("orders task ids with and without zero padding by their number", () => {
    expect(sorted(["task-10", "task-9", "task-0100", "task-011"])).toEqual(["task-9", "task-10", "task-011", "task-0100"]);
  });

  it("compares digit runs longer than a double holds exactly", () => {
    expect(compareNatural("x12345678901234567890", "x12345678901234567891")).toBeLessThan(0);
  });

  it("orders the cloud-service node shape by node number", () => {
    const ids = ["tvm-1_10-20260101t000000z", "tvm-1_2-20260101t000000z", "tvm-1_1-20260101t000000z"];
    expect(sorted(ids)).toEqual(["tvm-1_1-20260101t000000z", "tvm-1_2-20260101t000000z", "tvm-1_10-20260101t000000z"]);
  });

  it("keeps letters in code-unit order and a prefix first", () => {
    expect(sorted(["b", "a1", "a", "B"])).toEqual(["B", "a", "a1", "b"]);
  });

  it("is total: leading zeros break a tie, equal strings are 0", () => {
    expect(compareNatural("a07", "a7")).not.toBe(0);
    expect(Math.sign(compareNatural("a07", "a7"))).toBe(-Math.sign(compareNatural("a7", "a07")));
    expect(compareNatural("same_1", "same_1")).toBe(0);
  });
});
