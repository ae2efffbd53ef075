import { isModernApi, type ApiVersion } from "@/lib/schemas/api-version";
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
  /** The API version the dashboard speaks (BATCH_API_VERSION): some actions exist only in 2025-06-01. */
  apiVersion: ApiVersion;
}

export interface Availability {
  allowed: boolean;
  reason?: string;
}

const ALLOWED: Availability = { allowed: true };
const no = (reason: string): Availability => ({ allowed: false, reason });

/**
 * The node states in which Batch refuses a reboot or reimage, in words (the 409s of its node operations).
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
  upgradingos: "The node's operating system is being upgraded; wait until it is back.",
  deallocating: "The node is being deallocated.",
  deallocated: "The node is deallocated (its VM is stopped); start it first.",
};

/**
 * Whether the action exists at all for this kind of pool on this API version, whatever the node's state
 * (docs/real-service.md "API versions"): the action route refuses the same cases before calling Batch.
 */
export function actionSupported(action: NodeAction, configuration: PoolFacts["configuration"], apiVersion: ApiVersion): Availability {
  const modern = isModernApi(apiVersion);
  switch (action) {
    case "reimage":
      if (configuration === "cloudService" || modern) return ALLOWED;
      return no(
        `Batch reimages nodes of virtual-machine pools only from API 2025-06-01 on; this dashboard speaks ${apiVersion} ` +
          "(BATCH_API_VERSION). Remove the node instead, with keep capacity ticked so the pool is resized back (it does not grow back by itself).",
      );
    case "deallocate":
    case "start":
      if (!modern)
        return no(
          `${action === "start" ? "Start" : "Deallocate"} exists from Batch API 2025-06-01 on; this dashboard speaks ${apiVersion} (BATCH_API_VERSION).`,
        );
      return configuration === "virtualMachine"
        ? ALLOWED
        : no(`Only nodes of virtual-machine pools can be ${action === "start" ? "started" : "deallocated"}; this is a cloud-service pool.`);
    default:
      return ALLOWED;
  }
}

/** Whether `action` can be sent to this node of this pool now and, if not, why in words an operator acts on. */
export function availability(action: NodeAction, node: NodeFacts | undefined, pool: PoolFacts): Availability {
  if (!node || node.exists === false) return no("The node is no longer in the pool.");
  const state = (node.state ?? "").toLowerCase();
  const scheduling = (node.schedulingState ?? "").toLowerCase();
  const supported = actionSupported(action, pool.configuration, pool.apiVersion);
  if (!supported.allowed) return supported;
  if (state === "leavingpool") return no(BUSY.leavingpool!);
  switch (action) {
    case "reimage":
    case "reboot":
      return BUSY[state] ? no(BUSY[state]!) : ALLOWED;
    case "deallocate":
      // "only if it is in an idle or running state" (2025-06-01, deallocateNode).
      if (state === "idle" || state === "running") return ALLOWED;
      if (state === "deallocated" || state === "deallocating") return no("The node is already deallocated.");
      if (state === "offline") return no("Batch deallocates only idle or running nodes; this one is offline (scheduling disabled): enable scheduling first.");
      return no(BUSY[state] ?? `Batch deallocates only idle or running nodes; this one is ${state || "in an unknown state"}.`);
    case "start":
      // "only if it has been deallocated" (2025-06-01, startNode).
      if (state === "deallocated") return ALLOWED;
      if (state === "deallocating") return no("The node is still being deallocated; start it once it is deallocated.");
      return no(`Only a deallocated node can be started; this one is ${state || "in an unknown state"}.`);
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
