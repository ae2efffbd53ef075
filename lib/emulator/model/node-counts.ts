import type { NodeState, PoolRecord } from "./types";

/** NodeCounts field names are camelCase on the wire, unlike the node states themselves (the REST reference's PoolNodeCounts). */
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
  upgradingos: "upgradingOS",
  deallocated: "deallocated",
  deallocating: "deallocating",
};

/** Counts that 2022-10-01.16.0's NodeCounts does not have (docs/real-service.md "API versions"). */
const COUNTS_SINCE_2025: ReadonlySet<string> = new Set(["upgradingOS", "deallocated", "deallocating"]);

export function nodeCounts(pool: PoolRecord, withDeallocation: boolean) {
  const empty = () => {
    const c: Record<string, number> = { total: 0 };
    for (const key of Object.values(NODE_COUNT_KEYS)) if (withDeallocation || !COUNTS_SINCE_2025.has(key)) c[key] = 0;
    return c;
  };
  const dedicated = empty();
  const lowPriority = empty();
  for (const node of pool.nodes.values()) {
    const counts = node.wire.isDedicated ? dedicated : lowPriority;
    const key = NODE_COUNT_KEYS[node.wire.state];
    // An older version has no field for these states; the node still counts in the total.
    if (key in counts) counts[key]! += 1;
    counts.total! += 1;
  }
  return { poolId: pool.wire.id, dedicated, lowPriority };
}
