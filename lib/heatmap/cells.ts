import type { HeatmapRow } from "./types";

/**
 * Pass 2 over the points: a counting sort by final cell, so each cell's categories are contiguous and the
 * dominant category costs O(points) instead of a cells × categories table.
 */

export interface CellGroups {
  /** points per cell, row-major */
  counts: Uint32Array;
  /** cell c's points are cats[start[c] .. start[c + 1]) */
  start: Uint32Array;
  /** final category index of each point, grouped by cell */
  cats: Uint32Array;
}

export interface GroupInput {
  pointCell: Uint32Array;
  pointCat: Uint32Array;
  kept: number;
  rowCount: number;
  buckets: number;
  rowRemap: Uint32Array;
  catRemap: Uint32Array;
}

export function groupPointsByCell({ pointCell, pointCat, kept, rowCount, buckets, rowRemap, catRemap }: GroupInput): CellGroups {
  const cellCount = rowCount * buckets;
  const counts = new Uint32Array(cellCount);
  for (let k = 0; k < kept; k++) {
    const old = pointCell[k] as number;
    const r = rowRemap[Math.floor(old / buckets)] as number;
    const cell = r * buckets + (old % buckets);
    pointCell[k] = cell;
    counts[cell] = (counts[cell] as number) + 1;
  }
  const start = new Uint32Array(cellCount + 1);
  for (let cell = 0; cell < cellCount; cell++) start[cell + 1] = (start[cell] as number) + (counts[cell] as number);
  const fill = start.slice(0, cellCount);
  const cats = new Uint32Array(kept);
  for (let k = 0; k < kept; k++) {
    const cell = pointCell[k] as number;
    cats[fill[cell] as number] = catRemap[pointCat[k] as number] as number;
    fill[cell] = (fill[cell] as number) + 1;
  }
  return { counts, start, cats };
}

/**
 * The most frequent category of each cell (−1 for an empty cell; ties to the lower, i.e. pool-wide more
 * frequent, index) and the largest cell count. Sets each failing row's dominantCategory as it goes.
 */
export function dominantCategories(groups: CellGroups, rows: HeatmapRow[], buckets: number, categories: string[]) {
  const { start, cats } = groups;
  const dominant = new Array<number>(rows.length * buckets).fill(-1);
  const cellTally = new Uint32Array(categories.length);
  const rowTally = new Uint32Array(categories.length);
  let maxCell = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as HeatmapRow;
    if (row.failures === 0) continue;
    rowTally.fill(0);
    for (let b = 0; b < buckets; b++) {
      const cell = r * buckets + b;
      const s = start[cell] as number;
      const e = start[cell + 1] as number;
      if (s === e) continue;
      if (e - s > maxCell) maxCell = e - s;
      let best = -1;
      let bestCount = 0;
      for (let k = s; k < e; k++) {
        const c = cats[k] as number;
        const v = (cellTally[c] as number) + 1;
        cellTally[c] = v;
        rowTally[c] = (rowTally[c] as number) + 1;
        if (v > bestCount || (v === bestCount && c < best)) {
          best = c;
          bestCount = v;
        }
      }
      for (let k = s; k < e; k++) cellTally[cats[k] as number] = 0;
      dominant[cell] = best;
    }
    let best = 0;
    for (let c = 1; c < categories.length; c++) if ((rowTally[c] as number) > (rowTally[best] as number)) best = c;
    row.dominantCategory = categories[best];
  }
  return { dominant, maxCell };
}
