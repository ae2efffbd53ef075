/**
 * Aggregates failed tasks into the node × time matrix the heatmap draws, plus the verdict line that answers
 * the operator's first question: "bad node or bad job?". Runs on the server; the browser receives only this
 * compact matrix, never the task list behind it.
 */
import { dominantCategories, groupPointsByCell } from "./cells";
import { placePoints } from "./place-points";
import { rankCategories, rowsWithRates, sortRows } from "./rank";
import type { HeatmapInput, HeatmapMatrix } from "./types";
import { judge } from "./verdict";
import { bucketEdges } from "./window";

export type * from "./types";
export { GONE_STATE } from "./types";

/**
 * Four steps: place each point on a provisional (row, bucket) cell; rank the categories and sort the rows
 * worst first; group the points by their final cell; find each cell's dominant category. The verdict is
 * judged on the sorted rows.
 */
export function buildHeatmap(input: HeatmapInput): HeatmapMatrix {
  const { window, buckets } = input;
  const edges = bucketEdges(window, buckets);
  const placed = placePoints(input, edges);
  const { categories, catRemap, byCategory } = rankCategories(placed.catNames, placed.catTotals);
  const { sortedRows, rowRemap } = sortRows(rowsWithRates(placed.rows, placed.rowFailures, input.completedByNode));
  const { pointCell, pointCat, kept } = placed;
  const groups = groupPointsByCell({ pointCell, pointCat, kept, rowCount: sortedRows.length, buckets, rowRemap, catRemap });
  const { dominant, maxCell } = dominantCategories(groups, sortedRows, buckets, categories);

  const nodesWithFailures = sortedRows.reduce((acc, row) => acc + (row.failures > 0 ? 1 : 0), 0);
  return {
    window: { from: window.from, to: window.to },
    edges,
    rows: sortedRows,
    counts: Array.from(groups.counts),
    dominant,
    categories,
    totals: { failures: kept, nodesWithFailures, byCategory },
    maxCell,
    verdict: judge(sortedRows, kept),
    excluded: { outsideWindow: placed.outsideWindow, noNode: placed.noNode },
  };
}
