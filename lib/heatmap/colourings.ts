/**
 * The heatmap's colourings other than the count: by job and by exit code. Each is its keys, most frequent
 * first (ties by name), and each cell's most frequent key (−1 for an empty cell; ties to the lower index,
 * the pool-wide more frequent key), like `dominant` for categories.
 */
import type { FailedTaskPoint } from "./types";

export interface Colouring {
  keys: string[];
  dominant: number[];
}

export interface Tallies {
  byJob: { jobId: string; failures: number }[];
  byExitCode: { exitCode: number | null; count: number }[];
  colourings: { job: Colouring; exitCode: Colouring };
}

/** An exit code's key in the colouring: the number, or "none" for a failure without one. */
export const exitCodeKey = (code: number | undefined): string => (code === undefined ? "none" : String(code));
const jobKey = (p: FailedTaskPoint) => p.jobId ?? "";

function colouring(
  points: readonly FailedTaskPoint[],
  pointSrc: Uint32Array,
  pointCell: Uint32Array,
  kept: number,
  cells: number,
  keyOf: (p: FailedTaskPoint) => string,
) {
  const totals = new Map<string, number>();
  for (let k = 0; k < kept; k++) {
    const key = keyOf(points[pointSrc[k] as number]!);
    totals.set(key, (totals.get(key) ?? 0) + 1);
  }
  const keys = [...totals].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([k]) => k);
  const index = new Map(keys.map((k, i) => [k, i]));
  const perCell = new Map<number, Map<number, number>>();
  for (let k = 0; k < kept; k++) {
    const cell = pointCell[k] as number;
    const key = index.get(keyOf(points[pointSrc[k] as number]!))!;
    const m = perCell.get(cell) ?? new Map<number, number>();
    m.set(key, (m.get(key) ?? 0) + 1);
    perCell.set(cell, m);
  }
  const dominant = new Array<number>(cells).fill(-1);
  for (const [cell, m] of perCell) {
    let best = -1;
    let bestCount = 0;
    for (const [key, count] of m) if (count > bestCount || (count === bestCount && key < best)) [best, bestCount] = [key, count];
    dominant[cell] = best;
  }
  return { keys, dominant, totals };
}

/** `pointCell` holds each kept point's final cell (after the rows were sorted). */
export function tallies(points: readonly FailedTaskPoint[], pointSrc: Uint32Array, pointCell: Uint32Array, kept: number, cells: number): Tallies {
  const job = colouring(points, pointSrc, pointCell, kept, cells, jobKey);
  const exit = colouring(points, pointSrc, pointCell, kept, cells, (p) => exitCodeKey(p.exitCode));
  return {
    byJob: job.keys.map((jobId) => ({ jobId, failures: job.totals.get(jobId)! })),
    byExitCode: exit.keys.map((k) => ({ exitCode: k === "none" ? null : Number(k), count: exit.totals.get(k)! })),
    colourings: { job: { keys: job.keys, dominant: job.dominant }, exitCode: { keys: exit.keys, dominant: exit.dominant } },
  };
}
