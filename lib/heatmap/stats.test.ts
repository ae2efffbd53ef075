import { describe, expect, it } from "vitest";
import { binomialTail, logChoose, percent, poissonTail } from "./stats";

describe("tail probabilities", () => {
  it("match known values", () => {
    expect(binomialTail(1, 1, 0.5)).toBeCloseTo(0.5);
    expect(binomialTail(3, 20, 0.06)).toBeCloseTo(0.115, 2);
    expect(binomialTail(13, 19, 0.07)).toBeLessThan(1e-9);
    expect(binomialTail(0, 10, 0.1)).toBe(1);
    expect(poissonTail(1, 1)).toBeCloseTo(1 - Math.exp(-1));
    expect(poissonTail(2, 0.01)).toBeCloseTo(1 - Math.exp(-0.01) * 1.01, 8);
    expect(poissonTail(40, 0.5)).toBeLessThan(1e-40);
    expect(Math.exp(logChoose(100, 3))).toBeCloseTo(161700, 0);
  });

  it("stays finite for thousands of tasks", () => {
    const p = binomialTail(300, 5000, 0.03);
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThan(1e-6);
  });

  it("never rounds a share to 0 % or 100 % that is not", () => {
    expect([percent(0.999), percent(0.001), percent(0.5), percent(1)]).toEqual(["99%", "<1%", "50%", "100%"]);
  });
});
