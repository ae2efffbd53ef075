"use client";

import { useQuery } from "@tanstack/react-query";
import { errorInfo } from "@/lib/queries/api-fetch";
import { batchQueries } from "@/lib/queries/batch";
import type { NodeDetailResponse, NodeListResponse } from "@/lib/schemas/nodes";
import type { NodeAction } from "@/lib/schemas/remediation";
import { followStatus, observeNodeList, type FollowStatus, type Observation, type ObservedNode } from "@/lib/display/follow-nodes";

export interface FollowTarget {
  action: NodeAction;
  nodeIds: string[];
  /** The nodes as the page last read them when the action was sent. */
  before: Map<string, ObservedNode>;
}

const FOLLOW_MS = 2_000;

const observed = (n: ObservedNode): ObservedNode => ({
  state: n.state,
  schedulingState: n.schedulingState,
  ...(n.stateTransitionTime ? { stateTransitionTime: n.stateTransitionTime } : {}),
});

function fromDetail(data: NodeDetailResponse | undefined, gone: boolean) {
  return (): Observation | undefined => (gone ? "gone" : data ? observed(data.node) : undefined);
}

function fromList(data: NodeListResponse | undefined) {
  return observeNodeList(data?.nodes);
}

/**
 * Polls the node (one node) or the pool's node list (several) every two seconds until the followed nodes
 * settle, then stops. The queries are the ones the page shows, so the page itself changes as it polls.
 */
export function useFollowNodes(account: string, poolId: string, target: FollowTarget | null): FollowStatus | null {
  const single = target?.nodeIds.length === 1 ? target.nodeIds[0] : undefined;
  const one = useQuery({
    ...batchQueries.node(account, poolId, single ?? "-"),
    enabled: single !== undefined,
    retry: false,
    refetchInterval: (q) => {
      if (!target || single === undefined) return false;
      const gone = errorInfo(q.state.error)?.kind === "notFound";
      return followStatus(target.action, target.nodeIds, fromDetail(q.state.data, gone), target.before).settled ? false : FOLLOW_MS;
    },
  });
  const many = useQuery({
    ...batchQueries.nodes(account, poolId),
    enabled: target !== null && single === undefined,
    refetchInterval: (q) => {
      if (!target || single !== undefined) return false;
      return followStatus(target.action, target.nodeIds, fromList(q.state.data), target.before).settled ? false : FOLLOW_MS;
    },
  });
  if (!target) return null;
  const observe = single !== undefined ? fromDetail(one.data, errorInfo(one.error)?.kind === "notFound") : fromList(many.data);
  return followStatus(target.action, target.nodeIds, observe, target.before);
}
