import { describe, expect, it } from "vitest";
import { categoryColor, countColor, countSteps, EMPTY_CELL, stepBounds, stepIndex, stepLabel } from "@/components/heatmap/scale";

describe("heatmap count scale", () => {
  it("gives each count its own step when the maximum is small", () => {
    expect(stepBounds(1)).toEqual([1]);
    expect(stepBounds(5)).toEqual([1, 2, 3, 4, 5]);
  });

  it("grows the steps geometrically up to the maximum, strictly increasing, at most seven", () => {
    for (const max of [8, 13, 50, 100, 999, 123_456]) {
      const b = stepBounds(max);
      expect(b.length).toBeLessThanOrEqual(7);
      expect(b[0]).toBe(1);
      expect(b[b.length - 1]).toBe(max);
      for (let i = 1; i < b.length; i++) expect(b[i]).toBeGreaterThan(b[i - 1]!);
    }
  });

  it("treats an empty or zero maximum as one", () => {
    expect(stepBounds(0)).toEqual([1]);
  });

  it("draws zero as the neutral empty cell and one as the first coloured step", () => {
    for (const theme of ["light", "dark"] as const) {
      const steps = countSteps(40, theme);
      expect(countColor(0, steps, theme)).toBe(EMPTY_CELL[theme]);
      expect(countColor(1, steps, theme)).toBe(steps[0]!.color);
      expect(steps[0]!.color).not.toBe(EMPTY_CELL[theme]);
    }
  });

  it("bins counts into contiguous steps covering 1…max", () => {
    const steps = countSteps(100, "light");
    expect(steps[0]!.from).toBe(1);
    for (let i = 1; i < steps.length; i++) expect(steps[i]!.from).toBe(steps[i - 1]!.to + 1);
    expect(stepIndex(0, steps)).toBe(-1);
    expect(stepIndex(100, steps)).toBe(steps.length - 1);
    expect(stepIndex(1_000, steps)).toBe(steps.length - 1);
    for (let c = 1; c <= 100; c++) {
      const s = steps[stepIndex(c, steps)]!;
      expect(c).toBeGreaterThanOrEqual(s.from);
      expect(c).toBeLessThanOrEqual(s.to);
    }
  });

  it("gives every step a distinct colour and labels ranges with their numbers", () => {
    const steps = countSteps(100, "dark");
    expect(new Set(steps.map((s) => s.color)).size).toBe(steps.length);
    expect(stepLabel({ from: 1, to: 1, color: "" })).toBe("1");
    expect(stepLabel({ from: 4, to: 7, color: "" })).toBe("4–7");
  });

  it("keeps a fixed colour per category, with unknown categories falling back to Unknown's", () => {
    expect(categoryColor("Node", "light")).toBe("#D55E00");
    expect(categoryColor("Mystery", "light")).toBe(categoryColor("Unknown", "light"));
    expect(categoryColor(undefined, "dark")).toBe(EMPTY_CELL.dark);
    expect(categoryColor("Terminated", "dark")).not.toBe("#000000");
  });
});
