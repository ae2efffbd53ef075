import type { HeatmapMetric } from "./heatmap-controls";
import type { HeatmapResponse } from "@/lib/schemas/failures";
import { categoryColor, keyColor, type Theme } from "./scale";

/** What a cell's colour stands for under a metric other than the count: its dominant key and that key's colour. */
export interface KeyColouring {
  /** per cell, index into `keys`, −1 for an empty cell */
  dominant: readonly number[];
  keys: readonly string[];
  colour: (index: number) => string;
}

type Matrix = Pick<HeatmapResponse, "dominant" | "categories" | "colourings">;

/** The colouring of a metric (undefined for the count, or when the server sent none). */
export function keyColouring(m: Matrix, metric: HeatmapMetric, theme: Theme): KeyColouring | undefined {
  if (metric === "category") return { dominant: m.dominant, keys: m.categories, colour: (i) => categoryColor(m.categories[i], theme) };
  if (metric === "failures") return undefined;
  const c = m.colourings?.[metric];
  return c ? { dominant: c.dominant, keys: c.keys, colour: (i) => keyColor(i, theme) } : undefined;
}

/** An exit code key as the page shows it. */
export const exitCodeLabel = (key: string) => (key === "none" ? "no exit code" : `exit ${key}`);
