"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useQueryStates } from "nuqs";
import { TextLink } from "@/components/ui/text-link";
import { cellTasksWindow, openedCellSpan, pinnedWindowOf, spanInside, type UrlWindow } from "@/lib/heatmap/cell-span";
import type { TimeWindow } from "@/lib/heatmap/window";
import { CellTasks } from "./cell-tasks";
import { rangeLabel } from "./time-axis";
import { heatmapViewParams, type HeatmapScope } from "./use-heatmap";

interface OpenedCellProps {
  account: string;
  scope: HeatmapScope;
  windowQ: Record<string, string>;
  /** The bucket edges of the heatmap shown now. */
  edges: readonly number[];
  onClose: () => void;
}

/** This page with the window pinned around the cell (lib/heatmap/cell-span.ts pinnedWindowOf), the cell still open. */
function usePinnedHref(span: TimeWindow, w: UrlWindow): string {
  const pathname = usePathname();
  const search = useSearchParams();
  const pinned = pinnedWindowOf(span, w);
  const q = new URLSearchParams(search?.toString());
  q.delete("window");
  const times = { from: pinned.from, to: pinned.to, cellAt: span.from, cellTo: span.to };
  for (const [k, t] of Object.entries(times)) q.set(k, new Date(t).toISOString());
  return `${pathname}?${q.toString()}`;
}

function OutsideNotice({ span, w }: { span: TimeWindow; w: UrlWindow }) {
  const href = usePinnedHref(span, w);
  const pinned = w.from !== null && w.to !== null;
  return (
    <p data-testid="cell-outside" className="text-sm text-amber-800 dark:text-amber-200">
      This cell, {rangeLabel(span.from, span.to)}, is {pinned ? "outside this window" : `now outside the last ${w.window}`}: its tasks are listed as they were.{" "}
      <TextLink tone="plain" href={href} prefetch={false}>
        Show it in a pinned window
      </TextLink>
    </p>
  );
}

/**
 * The opened cell's task list over the cell's own span (`cellAt` to `cellTo`), not whatever bucket a live
 * window has slid to since: a link to it is evidence in a ticket (docs/architecture.md "Deep links"). Once the
 * span has left the window, the list says so and offers the pinned window that shows the cell in place.
 */
export function OpenedCell({ account, scope, windowQ, edges, onClose }: OpenedCellProps) {
  const [view] = useQueryStates(heatmapViewParams);
  if (!view.cellNode || !view.cellAt) return null;
  const w = { window: view.window, from: view.from?.getTime() ?? null, to: view.to?.getTime() ?? null };
  const span = openedCellSpan(view.cellAt.getTime(), view.cellTo?.getTime() ?? null, w);
  const inside = spanInside(span, edges);
  return (
    <CellTasks
      account={account}
      scope={scope}
      windowQ={cellTasksWindow(span, edges, windowQ)}
      nodeId={view.cellNode}
      range={span}
      notice={inside ? undefined : <OutsideNotice span={span} w={w} />}
      onClose={onClose}
    />
  );
}
