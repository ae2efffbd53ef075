import { iso } from "../clock";
import type { BatchStore } from "./store";
import { OrderedCollection } from "./ordered";
import type { PoolRecord, WirePool } from "./types";

/** What a new pool is made of: the create call's body, or a scenario's description. */
export type PoolSettings = Pick<WirePool, "id" | "vmSize" | "resizeTimeout" | "targetDedicatedNodes" | "targetLowPriorityNodes" | "taskSlotsPerNode"> &
  Partial<
    Pick<WirePool, "displayName" | "virtualMachineConfiguration" | "cloudServiceConfiguration" | "startTask" | "metadata" | "enableInterNodeCommunication">
  > & {
    nodeFillType: "spread" | "pack";
    quotaDedicatedNodes?: number;
  };

/** Adds a steady, empty pool to the store, with the defaults Batch fills in; nodes come from a resize. */
export function addPoolRecord(store: BatchStore, s: PoolSettings, createdMs: number): PoolRecord {
  const created = iso(createdMs);
  const wire: WirePool = {
    id: s.id,
    ...(s.displayName ? { displayName: s.displayName } : {}),
    eTag: "",
    lastModified: created,
    creationTime: created,
    state: "active",
    stateTransitionTime: created,
    allocationState: "steady",
    allocationStateTransitionTime: created,
    vmSize: s.vmSize.toLowerCase(),
    ...(s.virtualMachineConfiguration
      ? { virtualMachineConfiguration: s.virtualMachineConfiguration }
      : { cloudServiceConfiguration: s.cloudServiceConfiguration! }),
    resizeTimeout: s.resizeTimeout,
    currentDedicatedNodes: 0,
    currentLowPriorityNodes: 0,
    targetDedicatedNodes: s.targetDedicatedNodes,
    targetLowPriorityNodes: s.targetLowPriorityNodes,
    enableAutoScale: false,
    enableInterNodeCommunication: s.enableInterNodeCommunication ?? false,
    ...(s.startTask ? { startTask: s.startTask } : {}),
    taskSlotsPerNode: s.taskSlotsPerNode,
    taskSchedulingPolicy: { nodeFillType: s.nodeFillType === "pack" ? "Pack" : "Spread" },
    ...(s.metadata ? { metadata: s.metadata } : {}),
  };
  store.touch(wire, createdMs);
  const pool: PoolRecord = {
    wire,
    nodes: new OrderedCollection(),
    nodeCounter: 0,
    cursor: 0,
    ...(s.quotaDedicatedNodes !== undefined ? { quotaDedicatedNodes: s.quotaDedicatedNodes } : {}),
  };
  store.pools.add(s.id, pool);
  return pool;
}
