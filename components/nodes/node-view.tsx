"use client";

import { useQuery } from "@tanstack/react-query";
import { NodeHistory } from "@/components/audit/node-history";
import { ConnectPanel } from "@/components/connect/connect-panel";
import { ActionBar } from "@/components/remediation/action-bar";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { NodeStateBadge } from "@/components/ui/badges";
import { CopyButton } from "@/components/ui/copy-buttons";
import { NodeTicketButton } from "@/components/ui/node-ticket-button";
import { GonePanel, isGone } from "@/components/ui/gone";
import { Loading, Panel } from "@/components/ui/panel";
import { RefreshControl } from "@/components/ui/refresh-control";
import { SaveSnapshotButton } from "@/components/ui/save-snapshot";
import { paths } from "@/lib/links/paths";
import { errorInfo } from "@/lib/queries/api-fetch";
import { batchQueries } from "@/lib/queries/batch";
import { remediationQueries } from "@/lib/queries/remediation";
import { useWindowQuery } from "@/components/heatmap/use-heatmap";
import { NodeFiles } from "./node-files";
import { NodeErrors, NodeStateFacts } from "./node-panels";
import { NodeFailures } from "./node-failures";
import { NodeTimeline } from "./node-timeline";
import { RecentTasksPanel } from "./recent-tasks";
import { StartTaskInfo } from "./start-task-panel";

/** One node: what state it is in and since when, what is wrong with it, and what it ran. */
export function NodeView({ account, poolId, nodeId }: { account: string; poolId: string; nodeId: string }) {
  const q = useQuery(batchQueries.node(account, poolId, nodeId));
  // The node's failures in the page's window and its audit history, read beside the node for the timeline.
  const failures = useQuery(batchQueries.nodeFailures(account, poolId, nodeId, useWindowQuery()));
  const history = useQuery(remediationQueries.auditList(account, { pool: poolId, node: nodeId }));
  const err = errorInfo(q.error);
  if (q.isPending) return <Loading what={`node ${nodeId}`} />;
  if (isGone(err) && err?.code === "PoolNotFound")
    return (
      <GonePanel
        what="Pool"
        id={poolId}
        explanation="The pool was deleted, and its nodes with it."
        parent={{ href: paths.account(account), label: `Go to account ${account}` }}
        error={err}
      />
    );
  // Gone wins over data kept from before: a node just removed must not go on showing its last state.
  const gone = isGone(err);
  if (!q.data && !gone) return err ? <ApiErrorBanner error={err} /> : null;
  // The action bar stays at the same place in both branches, so a removal's result and its follow
  // survive the node's disappearance.
  const actions = <ActionBar account={account} poolId={poolId} nodeIds={gone ? [] : [nodeId]} />;
  if (gone || !q.data)
    return (
      <div className="space-y-4">
        {null}
        {actions}
        <GonePanel
          what="Node"
          id={nodeId}
          explanation={
            `Node ${nodeId} is no longer in pool ${poolId}: it was removed or the pool was resized down; its files went with it. ` +
            "Its failed tasks in the window, what was done to it and any evidence saved before are below."
          }
          parent={{ href: paths.pool(account, poolId), label: `Go to pool ${poolId}` }}
          error={err}
        />
        <NodeFailures account={account} poolId={poolId} nodeId={nodeId} q={failures} />
        <NodeHistory account={account} poolId={poolId} nodeId={nodeId} />
      </div>
    );
  const { node, asOf } = q.data;
  const stale = err ? { error: err } : {};
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold">
          Node <span className="font-mono text-xl break-all">{node.id}</span>
          <NodeStateBadge state={node.state} />
        </h1>
        <div className="flex flex-wrap items-center gap-2">
          <RefreshControl />
          <CopyButton label="Copy link" text={() => location.href} testId="copy-link" />
          <SaveSnapshotButton account={account} />
          <NodeTicketButton account={account} node={node} asOf={asOf} />
        </div>
      </div>
      {actions}
      <div className="grid gap-4 lg:grid-cols-2">
        <Panel id="node-state" title="State" asOf={asOf} {...stale}>
          <NodeStateFacts node={node} asOf={asOf} />
        </Panel>
        <Panel id="node-errors" title={`Node errors (${node.errors.length})`} asOf={asOf} {...stale}>
          <NodeErrors errors={node.errors} />
        </Panel>
      </div>
      <NodeTimeline account={account} node={node} records={history.data?.records ?? []} failures={failures.data} />
      <NodeFailures account={account} poolId={poolId} nodeId={nodeId} q={failures} />
      <Panel id="start-task" title="Start task" asOf={asOf} {...stale}>
        <StartTaskInfo account={account} node={node} />
      </Panel>
      <RecentTasksPanel account={account} tasks={node.recentTasks} asOf={asOf} error={err} />
      <ConnectPanel account={account} poolId={poolId} nodeId={nodeId} />
      <NodeHistory account={account} poolId={poolId} nodeId={nodeId} />
      <NodeFiles account={account} poolId={poolId} nodeId={nodeId} />
    </div>
  );
}
