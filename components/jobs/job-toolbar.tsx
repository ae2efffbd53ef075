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
import { ticketMarkdown } from "@/lib/links/ticket";
import { scopeTicketParts } from "@/lib/links/ticket-scope";
import { batchQueries } from "@/lib/queries/batch";

/** Window, refresh, a pinned link and a ticket summary for the job: what failed, where, and why. */
/** In a snapshot's frozen view the window is fixed and nothing refreshes or sends: the banner carries the links. */
export function JobToolbar(props: { account: string; jobId: string }) {
  return useFrozen() ? null : <LiveJobToolbar {...props} />;
}

function LiveJobToolbar({ account, jobId }: { account: string; jobId: string }) {
  const heatmap = useHeatmap(account, { job: jobId }).data;
  const win = useWindowQuery();
  const failures = useQuery(batchQueries.failures(account, { job: jobId }, win)).data;
  const job = useQuery(batchQueries.job(account, jobId)).data?.job;
  const parts = heatmap ? scopeTicketParts(heatmap) : undefined;
  const actions = useTicketActions(
    account,
    job?.poolId,
    (parts?.nodes ?? []).map((n) => n.nodeId),
  );
  const signatures = useTicketSignatures(account, { job: jobId }, win);
  const ticket = (snapshot?: string) =>
    ticketMarkdown({
      ...(snapshot ? { snapshot } : {}),
      title: `Job ${jobId} (account ${account}${job?.poolId ? `, pool ${job.poolId}` : ""}): ${failures ? `${failures.failed} of ${failures.completed} completed tasks failed` : "failures"}`,
      link: pinnedLink(failures?.window ?? heatmap?.window),
      ...(failures ? { window: failures.window, categories: failures.byCategory } : {}),
      ...(parts ? { verdict: parts.verdict, nodes: parts.nodes, jobs: parts.jobs.length > 1 ? parts.jobs : [] } : {}),
      ...(signatures ? { signatures } : {}),
      ...(actions ? { actions } : {}),
      facts: [
        ...(job
          ? ([
              ["Job state", job.state],
              ["Task counts", `${job.taskCounts.running} running, ${job.taskCounts.active} waiting, ${job.taskCounts.failed} failed in all`],
            ] as [string, string][])
          : []),
        ...(failures && failures.byExitCode.length
          ? ([
              [
                "Exit codes",
                failures.byExitCode
                  .slice(0, 5)
                  .map((e) => `${e.exitCode} ×${e.count}`)
                  .join(", "),
              ],
            ] as [string, string][])
          : []),
      ],
    });
  return (
    <div className="flex flex-wrap items-center justify-between gap-4">
      <WindowPicker />
      <div className="flex flex-wrap items-center gap-4">
        <RefreshControl />
        <CopyButton label="Copy link" testId="copy-link" text={() => pinnedLink(failures?.window ?? heatmap?.window)} />
        <SaveSnapshotButton account={account} />
        <TicketButtons account={account} text={ticket} />
      </div>
    </div>
  );
}
