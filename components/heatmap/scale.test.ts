import { describe, expect, it } from "vitest";
import { categoryColor, countColor, countSteps, EMPTY_CELL, keyColor, MAX_KEY_COLOURS, stepIndex, stepLabel } from "@/components/heatmap/scale";

describe("heatmap count scale", () => {
  it("has the same fixed bounds in both themes, whatever the busiest cell", () => {
    for (const theme of ["light", "dark"] as const) expect(countSteps(theme).map(stepLabel)).toEqual(["1", "2", "3–4", "5–9", "10–19", "20+"]);
  });

  it("draws zero as the neutral empty cell and one as the first coloured step", () => {
    for (const theme of ["light", "dark"] as const) {
      const steps = countSteps(theme);
      expect(countColor(0, steps, theme)).toBe(EMPTY_CELL[theme]);
      expect(countColor(1, steps, theme)).toBe(steps[0]!.color);
      expect(steps[0]!.color).not.toBe(EMPTY_CELL[theme]);
    }
  });

  it("bins every count into exactly one contiguous step", () => {
    const steps = countSteps("light");
    expect(stepIndex(0, steps)).toBe(-1);
    for (let i = 1; i < steps.length; i++) expect(steps[i]!.from).toBe(steps[i - 1]!.to + 1);
    for (const [c, i] of [
      [1, 0],
      [2, 1],
      [3, 2],
      [4, 2],
      [5, 3],
      [9, 3],
      [10, 4],
      [19, 4],
      [20, 5],
      [5_000, 5],
    ] as const)
      expect(stepIndex(c, steps)).toBe(i);
  });

  it("gives every step a distinct colour", () => {
    for (const theme of ["light", "dark"] as const) expect(new Set(countSteps(theme).map((s) => s.color)).size).toBe(6);
  });

  it("colours job and exit-code keys by rank, the rest as other", () => {
    expect(keyColor(0, "light")).not.toBe(keyColor(1, "light"));
    expect(keyColor(MAX_KEY_COLOURS, "dark")).toBe(keyColor(MAX_KEY_COLOURS + 5, "dark"));
    expect(keyColor(-1, "light")).toBe(EMPTY_CELL.light);
  });

  it("keeps a fixed colour per category, with unknown categories falling back to Unknown's", () => {
    expect(categoryColor("Node", "light")).toBe("#D55E00");
    expect(categoryColor("Mystery", "light")).toBe(categoryColor("Unknown", "light"));
    expect(categoryColor(undefined, "dark")).toBe(EMPTY_CELL.dark);
    expect(categoryColor("Terminated", "dark")).not.toBe("#000000");
  });
});
