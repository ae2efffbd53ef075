/**
 * Colour scales of the heatmap. Pure (no DOM): the grid, the legend and the tests share them.
 *
 * One fixed scale for failure counts on every page (pool, job, any window): a colour always means the same
 * number of failed tasks, so a screenshot of one page can be compared with another (docs/diagnosis.md,
 * "Colour scale"). Counts are binned into six labelled steps with fixed bounds, growing roughly
 * geometrically (1, 2, 3–4, 5–9, 10–19, 20+), so the legend prints the exact numbers each colour stands for.
 * Zero is not a step: an empty cell is a neutral grey, visibly different from one failure.
 */
export type Theme = "light" | "dark";

export interface ScaleStep {
  /** Inclusive bounds of the counts this colour stands for (`to` is Infinity for the last, open step). */
  from: number;
  to: number;
  color: string;
}

export const EMPTY_CELL: Record<Theme, string> = { light: "#e2e8f0", dark: "#1e293b" };

/** Upper bounds of the steps; the last step is open ("20+"). */
export const STEP_BOUNDS = [1, 2, 4, 9, 19, Infinity] as const;

/**
 * A sequential ramp whose lightness changes steadily from step to step, in both themes: more failures always
 * stand out more from the page, so the steps darken on the light theme and brighten on the dark one. The hue
 * turns the same way in both, amber through orange and red to pink and purple, so a colour names the same
 * step in either theme and the legend reads alike: the dark theme used to run the other way (deep red
 * through yellow to cream), its "1" the light theme's "3–4" and its "20+" a pale cream that read as fewer
 * failures, not more. The hue turns along the ramp, not one hue family (OrRd), because one family left the
 * last steps too close to tell apart; scale.test.ts holds every pair of neighbours (and the empty cell
 * beside the first step) to a minimum CIEDE2000 difference and luminance ratio, and each step's hue in the
 * two themes close together (docs/diagnosis.md, "Colour scale").
 */
const RAMP: Record<Theme, readonly string[]> = {
  // The first step starts at a mid amber: paler ones sit too close to the empty cell's grey on a light page.
  light: ["#fdb863", "#f57d3a", "#dd3c2d", "#a8173f", "#6e1556", "#200a30"],
  // The same hues from a dim amber up to a bright pink and a pale orchid (CIELCh, lightness 33 to 91).
  dark: ["#6c4600", "#b54e01", "#f93f33", "#ff7291", "#ffa0d9", "#f8dcfe"],
};

export function countSteps(theme: Theme): ScaleStep[] {
  return STEP_BOUNDS.map((to, i) => ({ from: i === 0 ? 1 : STEP_BOUNDS[i - 1]! + 1, to, color: RAMP[theme][i]! }));
}

/** The step a count falls in, or −1 for zero (an empty cell). */
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
  if (step.to === Infinity) return `${step.from}+`;
  return step.from === step.to ? String(step.from) : `${step.from}–${step.to}`;
}

/** Colours of the job and exit-code colourings by key rank (most frequent first); past these, "other". */
const KEY_COLOURS = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"];
export const MAX_KEY_COLOURS = KEY_COLOURS.length;
const OTHER_KEY: Record<Theme, string> = { light: "#525252", dark: "#a3a3a3" };

export function keyColor(index: number, theme: Theme): string {
  if (index < 0) return EMPTY_CELL[theme];
  return KEY_COLOURS[index] ?? OTHER_KEY[theme];
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
