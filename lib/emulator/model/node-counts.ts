import type { NodeState, PoolRecord } from "./types";

/** NodeCounts field names are camelCase on the wire, unlike the node states themselves (batch-api.md §3.4). */
export const NODE_COUNT_KEYS: Record<NodeState, string> = {
  creating: "creating",
  idle: "idle",
  offline: "offline",
  preempted: "preempted",
  rebooting: "rebooting",
  reimaging: "reimaging",
  running: "running",
  starting: "starting",
  starttaskfailed: "startTaskFailed",
  leavingpool: "leavingPool",
  unknown: "unknown",
  unusable: "unusable",
  waitingforstarttask: "waitingForStartTask",
};

export function nodeCounts(pool: PoolRecord) {
  const empty = () => {
    const c: Record<string, number> = { total: 0 };
    for (const key of Object.values(NODE_COUNT_KEYS)) c[key] = 0;
    return c;
  };
  const dedicated = empty();
  const lowPriority = empty();
  for (const node of pool.nodes.values()) {
    const counts = node.wire.isDedicated ? dedicated : lowPriority;
    counts[NODE_COUNT_KEYS[node.wire.state]]! += 1;
    counts.total! += 1;
  }
  return { poolId: pool.wire.id, dedicated, lowPriority };
}
