import type { NodeAction } from "@/lib/schemas/remediation";

/** What availability needs to know about a node: absent or exists:false means it is gone. */
export interface NodeFacts {
  exists?: boolean;
  state?: string;
  schedulingState?: string;
}

export interface PoolFacts {
  allocationState: string;
  configuration: "virtualMachine" | "cloudService";
}

export interface Availability {
  allowed: boolean;
  reason?: string;
}

const ALLOWED: Availability = { allowed: true };
const no = (reason: string): Availability => ({ allowed: false, reason });

/**
 * The node states in which Batch refuses a reboot or reimage, in words (batch-api.md §5.1's 409 mapping).
 * Unusable is not among them: rebooting or reimaging an unusable node is the documented way to bring it back.
 */
const BUSY: Record<string, string> = {
  rebooting: "The node is rebooting; wait until it is back.",
  reimaging: "The node is being reimaged; wait until it is back.",
  creating: "The node is still being created.",
  starting: "The node is starting up; wait until it is idle.",
  waitingforstarttask: "The node is running its start task; wait until it is idle.",
  leavingpool: "The node is leaving the pool.",
  preempted: "The node was preempted (its spot capacity was taken back).",
  unknown: "Batch has lost contact with the node; its state is unknown.",
};

/** Whether `action` can be sent to this node of this pool now and, if not, why in words an operator acts on. */
export function availability(action: NodeAction, node: NodeFacts | undefined, pool: PoolFacts): Availability {
  if (!node || node.exists === false) return no("The node is no longer in the pool.");
  const state = (node.state ?? "").toLowerCase();
  const scheduling = (node.schedulingState ?? "").toLowerCase();
  if (state === "leavingpool") return no(BUSY.leavingpool!);
  switch (action) {
    case "reimage":
      if (pool.configuration !== "cloudService") {
        return no("Reimage exists only for cloud-service pools; this pool uses the virtual machine configuration. Remove the node instead and let the pool grow back.");
      }
      return BUSY[state] ? no(BUSY[state]!) : ALLOWED;
    case "reboot":
      return BUSY[state] ? no(BUSY[state]!) : ALLOWED;
    case "disableScheduling":
      return scheduling === "disabled" ? no("Scheduling is already disabled on this node.") : ALLOWED;
    case "enableScheduling":
      return scheduling === "disabled" ? ALLOWED : no("Scheduling is already enabled on this node.");
    case "remove":
      return pool.allocationState.toLowerCase() === "steady"
        ? ALLOWED
        : no(`The pool is ${pool.allocationState.toLowerCase()}; Batch removes nodes only when the pool is steady. Try again when the resize ends.`);
  }
}
