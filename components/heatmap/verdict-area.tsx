"use client";

import type { HeatmapResponse } from "@/lib/schemas/failures";
import { LoadProgress } from "./load-progress";
import { isRefreshing } from "./shown-answer";
import type { HeatmapScope } from "./use-heatmap";
import { VerdictLine } from "./verdict-line";

/** How long a window is, as the window picker names it ("15m", "24h", "7d"). */
export function spanLabel(ms: number): string {
  if (ms >= 2 * 86_400_000) return `${Math.round(ms / 86_400_000)}d`;
  if (ms >= 3_600_000) return `${Math.round(ms / 3_600_000)}h`;
  return `${Math.max(1, Math.round(ms / 60_000))}m`;
}

/** What the panel says while it loads: a first load or a new window, the rates of a first answer, a refresh's. */
export function loadingText(q: { isFetching: boolean; isPending: boolean; isPlaceholderData: boolean }, data: HeatmapResponse | undefined) {
  if (data?.ratesPending) return "Failures shown; rates loading…";
  if (q.isFetching && (q.isPending || q.isPlaceholderData)) return "Reading tasks…";
  return undefined;
}

/**
 * The verdict and, while it waits, the read's progress, in a box of one reserved height: the verdict
 * replacing the pending line used to push the heatmap down under the operator's pointer. While a new window
 * loads, the previous window's answer stays (dimmed by the panel) and says which window it is; while a
 * refresh reads its totals, the last full verdict stays and says it is being refreshed.
 */
export function VerdictArea(props: {
  account: string;
  scope: HeatmapScope;
  windowQ: Record<string, string>;
  data: HeatmapResponse;
  previous: boolean;
  loading: string | undefined;
}) {
  const { data, windowQ } = props;
  const next = windowQ.window ?? "the pinned window";
  // The height of a usual verdict (two or three lines, the nodes' line, a fault) at 1280 wide: the
  // incident's measured 136 px, the pending line with the progress under 100 px. Closed, the height is fixed,
  // not a minimum: a longer verdict (many node faults, a narrow window) scrolls inside the box instead of
  // pushing the heatmap down under the operator's pointer when it arrives. Once the operator opens the nodes'
  // evidence ("Why these nodes"), the box grows to its content, up to most of the screen: a shift the
  // operator asked for, where a 9rem window onto the reasons was too small to read. Focusable, so a scrolled
  // part can be reached from the keyboard. What the box says of its own state (an older window, a refresh,
  // the read's progress) comes first, where a long verdict cannot scroll it out of sight.
  return (
    <div
      className="h-[9rem] space-y-2 overflow-y-auto overscroll-contain rounded-md focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none has-[details[open]]:h-auto has-[details[open]]:max-h-[70vh] has-[details[open]]:min-h-[9rem] dark:focus-visible:ring-blue-300"
      data-testid="verdict-area"
      role="region"
      aria-label="Verdict"
      tabIndex={0}
    >
      {props.previous && (
        <p className="text-sm font-medium" data-testid="heatmap-previous-window">
          Showing the last {spanLabel(data.window.to - data.window.from)} while {next} loads
        </p>
      )}
      {isRefreshing(data) && (
        <p className="text-sm text-slate-600 dark:text-slate-300" role="status" data-testid="heatmap-refreshing">
          Refreshing: the verdict and rates shown are from the last full read, until the new totals are in.
        </p>
      )}
      {props.loading && <LoadProgress account={props.account} scope={props.scope} query={windowQ} what={props.loading} totals={Boolean(data.ratesPending)} />}
      <VerdictLine data={data} />
    </div>
  );
}
