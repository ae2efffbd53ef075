import { describe, expect, it } from "vitest";
import { deltaE2000, labHue, luminanceRatio } from "@/tests/support/colour-difference";
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

  // The empty cell, then each step: a neighbour must be told apart at a glance in either theme (the dark
  // theme's "10–19" and "20+" used to be pale orange beside cream, ΔE 14).
  it("keeps neighbouring steps, and the empty cell beside the first, clearly apart in both themes", () => {
    for (const theme of ["light", "dark"] as const) {
      const colours = [EMPTY_CELL[theme], ...countSteps(theme).map((s) => s.color)];
      for (let i = 1; i < colours.length; i++) {
        const [a, b] = [colours[i - 1]!, colours[i]!];
        expect(deltaE2000(a, b), `${theme} ${a} → ${b}`).toBeGreaterThanOrEqual(15);
        expect(luminanceRatio(a, b), `${theme} ${a} → ${b}`).toBeGreaterThanOrEqual(1.3);
      }
    }
  });

  it("measures colour difference as CIEDE2000 does", () => {
    // Sharma, Wu and Dalal's test pairs 1 and 17, here as sRGB near their Lab values, and identity.
    expect(deltaE2000("#336699", "#336699")).toBe(0);
    expect(deltaE2000("#000000", "#ffffff")).toBeCloseTo(100, 0);
    expect(deltaE2000("#ff0000", "#0000ff")).toBeCloseTo(52.88, 1);
  });

  it("grows lighter (dark theme) or darker (light theme) at every step", () => {
    for (const theme of ["light", "dark"] as const) {
      const l = countSteps(theme).map((s) => luminanceRatio(s.color, "#000000"));
      for (let i = 1; i < l.length; i++) expect(theme === "dark" ? l[i]! > l[i - 1]! : l[i]! < l[i - 1]!).toBe(true);
    }
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

describe("heatmap count scale across themes", () => {
  // Lightness runs away from the page in each theme, but the hue runs one way in both: a step is the same
  // colour family in either theme, so the legend and a screenshot read alike (the dark ramp once ran from
  // deep red to cream, the light one from amber to plum).
  it("turns the hue the same way in both themes, each step within one colour family", () => {
    const [light, dark] = [countSteps("light"), countSteps("dark")];
    const apart = (a: number, b: number) => Math.min(Math.abs(a - b), 360 - Math.abs(a - b));
    light.forEach((s, i) => expect(apart(labHue(s.color), labHue(dark[i]!.color)), `step ${stepLabel(s)}`).toBeLessThanOrEqual(30));
    // From amber (hue about 60) down through red (about 35) to pink and purple (past 0, about 330).
    for (const steps of [light, dark]) {
      const unwrapped = steps.map((s) => (labHue(s.color) > 180 ? labHue(s.color) - 360 : labHue(s.color)));
      for (let i = 1; i < unwrapped.length; i++) expect(unwrapped[i]!, `${steps[i]!.color} after ${steps[i - 1]!.color}`).toBeLessThan(unwrapped[i - 1]!);
    }
  });
});
