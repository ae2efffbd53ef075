"use client";

import { useQuery } from "@tanstack/react-query";
import { useHeatmap, useWindowQuery } from "@/components/heatmap";
import { CopyButton } from "@/components/ui/copy-buttons";
import { RefreshControl } from "@/components/ui/refresh-control";
import { pinnedLink, WindowPicker } from "@/components/ui/window-picker";
import { batchQueries } from "@/lib/queries/batch";
import { ticketMarkdown } from "@/lib/links/ticket";

/** Window, refresh, and the two ways to hand this view to someone else: a pinned link and a ticket summary. */
export function PoolToolbar({ account, poolId }: { account: string; poolId: string }) {
  const heatmap = useHeatmap(account, { pool: poolId }).data;
  const failures = useQuery(batchQueries.failures(account, { pool: poolId }, useWindowQuery())).data;
  const ticket = () =>
    ticketMarkdown({
      title: `Pool ${poolId} (account ${account}): ${heatmap ? `${heatmap.totals.failures} failed tasks` : "failures"}`,
      link: pinnedLink(heatmap?.window),
      ...(heatmap ? { window: heatmap.window, verdict: heatmap.verdict.text } : {}),
      facts: heatmap
        ? [
            ["Failed tasks", String(heatmap.totals.failures)],
            ["Nodes with failures", `${heatmap.totals.nodesWithFailures} of ${heatmap.rows.length}`],
            ...(heatmap.verdict.topNodes.length ? [["Worst nodes", heatmap.verdict.topNodes.join(", ")] as [string, string]] : []),
          ]
        : [],
      ...(failures ? { categories: failures.byCategory } : {}),
    });
  return (
    <div className="flex flex-wrap items-center gap-4">
      <WindowPicker />
      <RefreshControl />
      <div className="flex gap-2">
        <CopyButton label="Copy link" testId="copy-link" text={() => pinnedLink(heatmap?.window)} />
        <CopyButton label="Copy for ticket" testId="copy-ticket" text={ticket} />
      </div>
    </div>
  );
}
