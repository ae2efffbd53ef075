import { interpolateInferno, interpolateYlOrRd } from "d3-scale-chromatic";

/**
 * Colour scales of the heatmap. Pure (no DOM): the grid, the legend and the tests share them.
 *
 * Counts are binned into a few discrete steps rather than a continuous ramp, so the legend can print the
 * exact numbers each colour stands for, and an operator comparing two cells compares two labelled steps.
 * Zero is not a step: an empty cell is drawn in a neutral grey, and a count of one is the first clearly
 * coloured step: zero must be visibly different from one.
 */
export type Theme = "light" | "dark";

export interface ScaleStep {
  /** Inclusive bounds of the counts this colour stands for. */
  from: number;
  to: number;
  color: string;
}

export const EMPTY_CELL: Record<Theme, string> = { light: "#e2e8f0", dark: "#1e293b" };

const MAX_STEPS = 7;

/**
 * Light theme: YlOrRd from a saturated yellow-orange to dark red (more failures, more contrast to white).
 * Dark theme: Inferno from magenta to bright yellow, for the same reason against a near-black page. Both
 * are sequential and readable with the common colour-vision deficiencies.
 */
function ramp(theme: Theme, t: number): string {
  return theme === "light" ? interpolateYlOrRd(0.28 + 0.72 * t) : interpolateInferno(0.42 + 0.56 * t);
}

/** Integer upper bounds of each step, growing roughly geometrically so a few hot cells do not wash out the rest. */
export function stepBounds(maxCell: number): number[] {
  const max = Math.max(1, Math.floor(maxCell));
  if (max <= MAX_STEPS) return Array.from({ length: max }, (_, i) => i + 1);
  // A single failure always has a step of its own: "one bad task" reads differently from "a few".
  const bounds: number[] = [1];
  for (let i = 1; i < MAX_STEPS; i++) {
    const b = Math.round(Math.pow(max, i / (MAX_STEPS - 1)));
    if (b > (bounds[bounds.length - 1] as number)) bounds.push(b);
  }
  bounds[bounds.length - 1] = max;
  return bounds;
}

export function countSteps(maxCell: number, theme: Theme): ScaleStep[] {
  const bounds = stepBounds(maxCell);
  const n = bounds.length;
  return bounds.map((to, i) => ({
    from: i === 0 ? 1 : (bounds[i - 1] as number) + 1,
    to,
    color: ramp(theme, n === 1 ? 0.6 : i / (n - 1)),
  }));
}

/** The step a count falls in, or −1 for zero (an empty cell). Counts above the last bound use the last step. */
export function stepIndex(count: number, steps: readonly ScaleStep[]): number {
  if (!(count >= 1) || steps.length === 0) return -1;
  for (let i = 0; i < steps.length; i++) if (count <= (steps[i] as ScaleStep).to) return i;
  return steps.length - 1;
}

export function countColor(count: number, steps: readonly ScaleStep[], theme: Theme): string {
  const i = stepIndex(count, steps);
  return i < 0 ? EMPTY_CELL[theme] : (steps[i] as ScaleStep).color;
}

export function stepLabel(step: ScaleStep): string {
  return step.from === step.to ? String(step.from) : `${step.from}–${step.to}`;
}

/**
 * Okabe–Ito, the palette made for colour-blind readers, one fixed colour per failure category so a
 * category keeps its colour across pools and screenshots. Black becomes grey on the dark theme.
 */
const OKABE_ITO: Record<string, { light: string; dark: string }> = {
  Node: { light: "#D55E00", dark: "#D55E00" }, // vermillion
  Application: { light: "#E69F00", dark: "#E69F00" }, // orange
  PreProcessing: { light: "#0072B2", dark: "#3A9BE0" }, // blue (lifted on dark)
  FileUpload: { light: "#CC79A7", dark: "#CC79A7" }, // reddish purple
  Constraint: { light: "#F0E442", dark: "#F0E442" }, // yellow
  Container: { light: "#009E73", dark: "#009E73" }, // bluish green
  Unknown: { light: "#56B4E9", dark: "#56B4E9" }, // sky blue
  Terminated: { light: "#000000", dark: "#A3A3A3" }, // black / grey
};

export function categoryColor(category: string | undefined, theme: Theme): string {
  if (category === undefined) return EMPTY_CELL[theme];
  return (OKABE_ITO[category] ?? OKABE_ITO.Unknown!)[theme];
}
