import { z } from "zod";

export const NODE_STATE_KEYS = [
  "idle",
  "running",
  "creating",
  "starting",
  "waitingForStartTask",
  "startTaskFailed",
  "unusable",
  "offline",
  "preempted",
  "rebooting",
  "reimaging",
  "leavingPool",
  "unknown",
  // API 2025-06-01 only (docs/real-service.md "API versions"); 0 on 2022-10-01.16.0, which has no such counts.
  "upgradingOS",
  "deallocating",
  "deallocated",
] as const;

export const nodeStateCounts = z.object(
  Object.fromEntries(NODE_STATE_KEYS.map((k) => [k, z.number()])) as Record<(typeof NODE_STATE_KEYS)[number], z.ZodNumber>,
);

export const poolSummary = z.object({
  id: z.string(),
  state: z.string(),
  allocationState: z.string(),
  vmSize: z.string(),
  dedicated: z.object({ current: z.number(), target: z.number() }),
  lowPriority: z.object({ current: z.number(), target: z.number() }),
  nodeStates: nodeStateCounts,
  /** Nodes in a state that cannot run tasks (starttaskfailed, unusable, unknown). */
  unhealthyNodes: z.number(),
  hasResizeErrors: z.boolean(),
});
export type PoolSummary = z.infer<typeof poolSummary>;

export const poolListResponse = z.object({
  account: z.object({ name: z.string(), isEmulator: z.boolean() }),
  /** The Batch service's clock (its Date header) when the data was read. */
  asOf: z.string(),
  pools: z.array(poolSummary),
});
export type PoolListResponse = z.infer<typeof poolListResponse>;

export const resizeError = z.object({ code: z.string(), message: z.string(), values: z.array(z.object({ name: z.string(), value: z.string() })) });

export const poolDetailResponse = z.object({
  asOf: z.string(),
  pool: poolSummary.extend({
    stateTransitionTime: z.string().optional(),
    allocationStateTransitionTime: z.string().optional(),
    creationTime: z.string().optional(),
    taskSlotsPerNode: z.number(),
    configuration: z.enum(["virtualMachine", "cloudService"]),
    image: z.string().optional(),
    startTaskCommandLine: z.string().optional(),
    resizeTimeout: z.string().optional(),
    resizeErrors: z.array(resizeError),
  }),
});
export type PoolDetailResponse = z.infer<typeof poolDetailResponse>;
