"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { batchQueries } from "@/lib/queries/batch";
import { auditKeys, heatmapKeys, jobKeys, poolKeys } from "@/lib/queries/keys";
import { remediationQueries } from "@/lib/queries/remediation";
import type { NodeAction } from "@/lib/schemas/remediation";
import type { ObservedNode } from "@/lib/display/follow-nodes";
import { refusal } from "@/lib/display/remediation";
import { ActionButtons } from "./action-buttons";
import { ActionDialog, type Submitted } from "./action-dialog";
import { ActionResult } from "./action-result";
import { useFollowNodes, type FollowTarget } from "./use-follow-nodes";
import { useFrozen } from "@/components/snapshots/frozen";

interface ActionBarProps {
  account: string;
  poolId: string;
  nodeIds: string[];
  testId?: string;
  /** Smaller buttons on one line, for a bar inside a card. */
  compact?: boolean;
}

/**
 * The five node actions for the given nodes (one node on its page, the selection on the pool page). A
 * viewer sees them disabled with the reason; an action the nodes' state or the pool's type makes
 * impossible is disabled with the reason in a tooltip (and as hidden text the button is described by).
 * After an action: the result and the live follow, which stay when the selection is cleared.
 */
/** Hidden in a snapshot's frozen view: it shows evidence, and nothing in it sends. */
export function ActionBar(props: ActionBarProps) {
  return useFrozen() ? null : <LiveActionBar {...props} />;
}

function LiveActionBar({ account, poolId, nodeIds, testId = "action-bar", compact = false }: ActionBarProps) {
  const qc = useQueryClient();
  const me = useQuery(remediationQueries.me(account));
  const identity = me.data?.identity;
  const refused = refusal(identity);
  const preview = useQuery({
    ...remediationQueries.preview(account, poolId, nodeIds),
    enabled: nodeIds.length > 0 && identity !== undefined && !refused,
  });
  const [open, setOpen] = useState<{ action: NodeAction; nodeIds: string[] } | null>(null);
  const [submitted, setSubmitted] = useState<Submitted | null>(null);
  const [target, setTarget] = useState<FollowTarget | null>(null);
  const follow = useFollowNodes(account, poolId, target);

  /** The nodes as this page last read them, to tell a node that has moved from one that has not yet. */
  const snapshot = (ids: string[]): Map<string, ObservedNode> => {
    const before = new Map<string, ObservedNode>();
    const list = qc.getQueryData(batchQueries.nodes(account, poolId).queryKey)?.nodes;
    for (const n of list ?? []) if (ids.includes(n.id)) before.set(n.id, n);
    for (const id of ids) {
      const one = qc.getQueryData(batchQueries.node(account, poolId, id).queryKey)?.node;
      if (one) before.set(id, one);
    }
    return before;
  };

  const done = (s: Submitted) => {
    const moved = s.response.results.filter((r) => r.outcome === "accepted" || r.outcome === "alreadyDone").map((r) => r.nodeId);
    setSubmitted(s);
    setTarget(moved.length ? { action: s.response.action, nodeIds: moved, before: snapshot(moved) } : null);
    setOpen(null);
    // The nodes (and the heatmap's row states), the tasks requeued off them and the audit log all changed.
    void qc.invalidateQueries({ queryKey: poolKeys.detail(account, poolId) });
    void qc.invalidateQueries({ queryKey: jobKeys.all(account) });
    void qc.invalidateQueries({ queryKey: heatmapKeys.all(account) });
    void qc.invalidateQueries({ queryKey: auditKeys.all(account) });
  };

  return (
    <div className="space-y-2">
      {nodeIds.length > 0 && (
        <ActionButtons
          nodeIds={nodeIds}
          testId={testId}
          compact={compact}
          identity={identity}
          preview={preview.data}
          onOpen={(action) => setOpen({ action, nodeIds: [...nodeIds] })}
        />
      )}
      {open && <ActionDialog account={account} poolId={poolId} action={open.action} nodeIds={open.nodeIds} onClose={() => setOpen(null)} onDone={done} />}
      {submitted && (
        <ActionResult
          account={account}
          submitted={submitted}
          follow={follow}
          onDismiss={() => {
            setSubmitted(null);
            setTarget(null);
          }}
        />
      )}
    </div>
  );
}
