/**
 * Aggregates failed tasks into the node × time matrix the heatmap draws, plus the verdict line that answers
 * the operator's first question: "bad node or bad job?". Runs on the server; the browser receives only this
 * compact matrix, never the task list behind it.
 */
import { dominantCategories, groupPointsByCell } from "./cells";
import { placePoints } from "./place-points";
import { rankCategories, rowsWithRates, sortRows } from "./rank";
import type { HeatmapInput, HeatmapMatrix } from "./types";
import { tallies } from "./colourings";
import { diagnose } from "./diagnose";
import { verdictOf } from "./verdict";
import { bucketEdges } from "./window";

export type * from "./types";
export { GONE_STATE } from "./types";

/**
 * Four steps: place each point on a provisional (row, bucket) cell; rank the categories and sort the rows
 * worst first; group the points by their final cell; find each cell's dominant category (and job and
 * exit code). The diagnosis (and the verdict derived from it) is computed from the same counts.
 */
export function buildHeatmap(input: HeatmapInput): HeatmapMatrix {
  const { window, buckets } = input;
  const edges = bucketEdges(window, buckets);
  const placed = placePoints(input, edges);
  const { categories, catRemap, byCategory } = rankCategories(placed.catNames, placed.catTotals);
  const { sortedRows, rowRemap } = sortRows(rowsWithRates(placed.rows, placed.rowFailures, input.completedByNode));
  const { pointCell, pointCat, pointSrc, kept } = placed;
  const groups = groupPointsByCell({ pointCell, pointCat, kept, rowCount: sortedRows.length, buckets, rowRemap, catRemap });
  const { dominant, maxCell } = dominantCategories(groups, sortedRows, buckets, categories);

  const nodesWithFailures = sortedRows.reduce((acc, row) => acc + (row.failures > 0 ? 1 : 0), 0);
  const tally = tallies(input.failures, pointSrc, pointCell, kept, sortedRows.length * buckets);
  const keptPoints = Array.from(pointSrc.subarray(0, kept), (i) => input.failures[i]!);
  const diagnosis = diagnose({
    rows: sortedRows,
    failures: keptPoints,
    nodes: input.nodes,
    ...(input.completedByJobNode ? { completedByJobNode: input.completedByJobNode } : {}),
  });
  return {
    window: { from: window.from, to: window.to },
    edges,
    rows: sortedRows,
    counts: Array.from(groups.counts),
    dominant,
    categories,
    totals: { failures: kept, nodesWithFailures, byCategory },
    maxCell,
    verdict: verdictOf(diagnosis),
    diagnosis,
    ...tally,
    excluded: { outsideWindow: placed.outsideWindow, noNode: placed.noNode },
  };
}
