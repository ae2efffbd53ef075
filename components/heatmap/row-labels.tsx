"use client";

import Link from "next/link";
import type { VirtualItem } from "@tanstack/react-virtual";
import type { MouseEvent } from "react";
import { NodeStateBadge } from "@/components/ui/badges";
import { formatPercent } from "@/lib/format";
import type { HeatmapResponse } from "@/lib/schemas/failures";
import { Checkbox } from "@/components/ui/input";
import { NODE_ID_CUT, TruncatedId } from "@/components/ui/truncated-id";

export const LABEL_COLUMNS = "1.25rem minmax(0,1fr) 7.5rem 3.5rem 3rem";

/**
 * Which rate the Rate column shows: read from the task list, so a task retried on this node counts once, as
 * its last attempt (Batch's node counters count every attempt; docs/diagnosis.md).
 */
export const RATE_MEANING = "failed ÷ completed tasks on the node in the window, from the task list (a retried task counts once, by its last attempt)";

/**
 * The row labels beside the canvas, only those in view: a checkbox (click, shift-click for a range) that
 * feeds bulk remediation, the node id linking to its page, its state ("gone" when it left the pool),
 * its failures and failure rate in the window. The id is cut in the middle as the verdict and the tables cut
 * it (`NODE_ID_CUT`): an end cut left only the shared `tvmps_` start and hex to match the verdict's nodes by.
 */
export function RowLabels({
  rows,
  items,
  rowHeight,
  selected,
  nodeHref,
  onSelect,
}: {
  rows: HeatmapResponse["rows"];
  items: VirtualItem[];
  rowHeight: number;
  selected: ReadonlySet<string>;
  nodeHref?: (nodeId: string) => string;
  onSelect: (nodeId: string, shift: boolean) => void;
}) {
  return (
    <>
      {items.map((item) => {
        const r = rows[item.index];
        if (!r) return null;
        const isSelected = selected.has(r.nodeId);
        return (
          <div
            key={r.nodeId}
            data-testid="heatmap-row"
            data-node-id={r.nodeId}
            data-selected={isSelected}
            className={`absolute inset-x-0 grid items-center gap-2 pr-2 pl-1 text-xs ${isSelected ? "bg-blue-100 dark:bg-blue-950" : ""}`}
            style={{ top: item.start, height: rowHeight, gridTemplateColumns: LABEL_COLUMNS }}
          >
            <Checkbox
              checked={isSelected}
              readOnly
              aria-label={`Select node ${r.nodeId}`}
              onClick={(e: MouseEvent<HTMLInputElement>) => onSelect(r.nodeId, e.shiftKey)}
            />
            {nodeHref ? (
              <Link
                prefetch={false}
                href={nodeHref(r.nodeId)}
                title={r.nodeId}
                // Named by the whole id, as before the cut: the cut's clipped start is a box of its own, which
                // the browser's name computation separates from the end with a space.
                aria-label={r.nodeId}
                className="truncate font-mono text-blue-700 hover:underline dark:text-blue-300"
              >
                <TruncatedId id={r.nodeId} {...NODE_ID_CUT} />
              </Link>
            ) : (
              <TruncatedId id={r.nodeId} {...NODE_ID_CUT} className="truncate font-mono" />
            )}
            <span className="truncate">
              <NodeStateBadge state={r.gone ? "gone" : r.state} />
            </span>
            <span className="text-right font-semibold tabular-nums" title="failed tasks in the window">
              {r.failures}
            </span>
            <span
              className="text-right text-slate-600 tabular-nums dark:text-slate-300"
              title={r.failureRate === undefined ? "rate loading, or no completed tasks" : RATE_MEANING}
            >
              {formatPercent(r.failureRate)}
            </span>
          </div>
        );
      })}
    </>
  );
}
