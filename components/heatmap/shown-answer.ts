import type { HeatmapResponse } from "@/lib/schemas/failures";

/** A heatmap answer as the page shows it: `refreshing` when it is the last full answer kept over a pending one. */
export type ShownHeatmap = HeatmapResponse & { refreshing?: boolean };

/**
 * Which answer to show for one query (one scope and window): a refresh of a live window can come back as a
 * first answer again (failures only, `ratesPending`, docs/diagnosis.md "Failures first"). Showing it would
 * take back the verdict, the rates and the unhealthy count the operator has just read; so the last full
 * answer stays, marked `refreshing`, until the new full answer replaces it. A pending answer with no full
 * one before it is shown as it is.
 */
export function shownAnswer(previous: ShownHeatmap | undefined, next: HeatmapResponse): ShownHeatmap {
  if (!next.ratesPending || !previous || previous.ratesPending) return next;
  return previous.refreshing ? previous : { ...previous, refreshing: true };
}

/** True when the answer shown is a kept full answer while a refresh's totals are read. */
export function isRefreshing(data: HeatmapResponse | undefined): boolean {
  return (data as ShownHeatmap | undefined)?.refreshing === true;
}
