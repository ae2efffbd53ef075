import { idKey } from "@/lib/schemas/ids";
import type { NodeAction } from "@/lib/schemas/remediation";

/**
 * Following nodes after an action until their state settles, so the result of an action shows on
 * the node as it changes state, not only as Batch's reply. Pure: the hook feeds it each poll of the node or nodes query.
 */

/** States a node passes through on its way somewhere else (Batch's ComputeNodeState). */
export const TRANSIENT_STATES: ReadonlySet<string> = new Set([
  "rebooting",
  "reimaging",
  "creating",
  "starting",
  "waitingforstarttask",
  "leavingpool",
  "upgradingos",
  "deallocating",
]);

export interface ObservedNode {
  state: string;
  schedulingState: string;
  stateTransitionTime?: string;
}
/** A node as one poll saw it; "gone" once Batch no longer lists it. */
export type Observation = ObservedNode | "gone";

/**
 * Whether one node has reached where the action takes it. `before` is the node as it was when the action
 * was sent: a rebooted node that still reads `idle` with the old transition time has not rebooted yet
 * (with taskcompletion it waits for its tasks); one that went through `rebooting` has a newer time.
 */
export function nodeSettled(action: NodeAction, now: Observation | undefined, before: ObservedNode | undefined): boolean {
  if (now === undefined) return false;
  if (now === "gone") return true;
  // The views carry Batch's lowercase states, but a state in another case must not read as settled.
  const state = now.state.toLowerCase();
  const scheduling = now.schedulingState.toLowerCase();
  if (TRANSIENT_STATES.has(state)) return false;
  switch (action) {
    case "remove":
      return false;
    case "disableScheduling":
      // With taskcompletion the node keeps running its tasks; it has settled once they are done.
      return scheduling === "disabled" && state !== "running";
    case "enableScheduling":
      return scheduling === "enabled" && state !== "offline";
    case "deallocate":
      return state === "deallocated";
    case "start":
      return state !== "deallocated";
    case "reboot":
    case "reimage":
      // Without a before (the page had not read the node), a stable state is the best evidence there is.
      return before === undefined || now.stateTransitionTime !== before.stateTransitionTime;
  }
}

/** "2 offline, 1 running": the followed nodes' states, most common first; removed nodes say so. */
export function stateCounts(observed: readonly (Observation | undefined)[]): string {
  const counts = new Map<string, number>();
  for (const o of observed) {
    const key = o === undefined ? "not read yet" : o === "gone" ? "removed" : o.state;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([state, n]) => `${n} ${state}`)
    .join(", ");
}

export interface FollowStatus {
  settled: boolean;
  text: string;
}

/**
 * How a poll of the pool's node list sees each followed node: by id in any case (the selection may spell a
 * node differently from the list, docs/real-service.md), and "gone" once the list no longer has it.
 */
export function observeNodeList(nodes: readonly (ObservedNode & { id: string })[] | undefined): (id: string) => Observation | undefined {
  const byKey = new Map(nodes?.map((n) => [idKey(n.id), n]));
  return (id) => {
    if (!nodes) return undefined;
    const n = byKey.get(idKey(id));
    return n
      ? { state: n.state, schedulingState: n.schedulingState, ...(n.stateTransitionTime ? { stateTransitionTime: n.stateTransitionTime } : {}) }
      : "gone";
  };
}

export function followStatus(
  action: NodeAction,
  nodeIds: readonly string[],
  observe: (id: string) => Observation | undefined,
  before: ReadonlyMap<string, ObservedNode>,
): FollowStatus {
  const now = nodeIds.map(observe);
  const beforeByKey = new Map([...before].map(([id, n]) => [idKey(id), n]));
  const settled = nodeIds.every((id, i) => nodeSettled(action, now[i], beforeByKey.get(idKey(id))));
  const counts = stateCounts(now);
  const what = nodeIds.length === 1 ? `node ${nodeIds[0]}` : `${nodeIds.length} nodes`;
  return settled
    ? { settled, text: `Settled: ${counts}` }
    : { settled, text: `Following ${what} until ${nodeIds.length === 1 ? "it settles" : "they settle"}… ${counts}` };
}
