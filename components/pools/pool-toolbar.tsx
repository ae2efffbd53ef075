"use client";

import { useQuery } from "@tanstack/react-query";
import { useHeatmap, useWindowQuery } from "@/components/heatmap";
import { CopyButton } from "@/components/ui/copy-buttons";
import { SaveSnapshotButton } from "@/components/ui/save-snapshot";
import { TicketButtons } from "@/components/ui/ticket-buttons";
import { useFrozen } from "@/components/snapshots/frozen";
import { RefreshControl } from "@/components/ui/refresh-control";
import { useTicketActions } from "@/components/ui/use-ticket-actions";
import { useTicketSignatures } from "@/components/ui/use-ticket-signatures";
import { pinnedLink, WindowPicker } from "@/components/ui/window-picker";
import { batchQueries } from "@/lib/queries/batch";
import { ticketMarkdown } from "@/lib/links/ticket";
import { scopeTicketParts } from "@/lib/links/ticket-scope";

/** Window, refresh, and the two ways to hand this view to someone else: a pinned link and a ticket summary. */
/** In a snapshot's frozen view the window is fixed and nothing refreshes or sends: the banner carries the links. */
export function PoolToolbar(props: { account: string; poolId: string }) {
  return useFrozen() ? null : <LivePoolToolbar {...props} />;
}

function LivePoolToolbar({ account, poolId }: { account: string; poolId: string }) {
  const heatmap = useHeatmap(account, { pool: poolId }).data;
  const win = useWindowQuery();
  const failures = useQuery(batchQueries.failures(account, { pool: poolId }, win)).data;
  const parts = heatmap ? scopeTicketParts(heatmap) : undefined;
  const actions = useTicketActions(
    account,
    poolId,
    (parts?.nodes ?? []).map((n) => n.nodeId),
  );
  const signatures = useTicketSignatures(account, { pool: poolId }, win);
  const ticket = (snapshot?: string) =>
    ticketMarkdown({
      ...(snapshot ? { snapshot } : {}),
      title: `Pool ${poolId} (account ${account}): ${heatmap ? `${heatmap.diagnosis?.counts.failures ?? heatmap.totals.failures} failed tasks` : "failures"}`,
      link: pinnedLink(heatmap?.window),
      ...(heatmap && parts ? { window: heatmap.window, verdict: parts.verdict, nodes: parts.nodes, jobs: parts.jobs } : {}),
      facts: heatmap
        ? [
            ["Failed tasks", String(heatmap.diagnosis?.counts.failures ?? heatmap.totals.failures)],
            [
              "Nodes with failures",
              `${heatmap.diagnosis?.counts.nodesWithFailures ?? heatmap.totals.nodesWithFailures} of ${heatmap.diagnosis?.counts.nodesInPool ?? heatmap.rows.length}`,
            ],
          ]
        : [],
      ...(failures ? { categories: failures.byCategory } : {}),
      ...(signatures ? { signatures } : {}),
      ...(actions ? { actions } : {}),
    });
  return (
    <div className="flex flex-wrap items-center gap-4">
      <WindowPicker />
      <RefreshControl />
      <div className="flex gap-2">
        <CopyButton label="Copy link" testId="copy-link" text={() => pinnedLink(heatmap?.window)} />
        <SaveSnapshotButton account={account} />
        <TicketButtons account={account} text={ticket} />
      </div>
    </div>
  );
}
