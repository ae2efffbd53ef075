import type { HeatmapResponse } from "@/lib/schemas/failures";

/**
 * The heatmap with only the rows that failed a task in the window. Rows come sorted by failures first
 * (lib/heatmap/rank.ts), so the failing rows are a prefix and every per-cell array is cut at the same place.
 */
export function failingOnly(data: HeatmapResponse): HeatmapResponse {
  const k = data.rows.findIndex((r) => r.failures === 0);
  if (k < 0) return data;
  const cells = k * (data.edges.length - 1);
  const cut = <T extends { dominant: number[] } | undefined>(c: T): T => (c ? { ...c, dominant: c.dominant.slice(0, cells) } : c);
  return {
    ...data,
    rows: data.rows.slice(0, k),
    counts: data.counts.slice(0, cells),
    dominant: data.dominant.slice(0, cells),
    ...(data.colourings ? { colourings: { job: cut(data.colourings.job), exitCode: cut(data.colourings.exitCode) } } : {}),
  };
}
