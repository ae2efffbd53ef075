import { z } from "zod";
import { ticketRef } from "./audit-fields";
import { apiErrorBody } from "./api-error";
import { apiVersion } from "./api-version";
import { nodeId } from "./inputs";

/** The node actions the dashboard can send, by the names the UI and the audit log use. */
export const NODE_ACTIONS = ["reboot", "reimage", "remove", "disableScheduling", "enableScheduling", "deallocate", "start"] as const;
export const nodeAction = z.enum(NODE_ACTIONS);
export type NodeAction = z.infer<typeof nodeAction>;

/** Batch's options for a node's running tasks; disable scheduling has no retaineddata, enable has none. */
export const TASK_OPTIONS = ["requeue", "terminate", "taskcompletion", "retaineddata"] as const;
export const taskOption = z.enum(TASK_OPTIONS);
export type TaskOption = z.infer<typeof taskOption>;

/** Removal is sent 100 node ids per call: Batch's limit for one removeNodes request. */
export const REMOVE_BATCH = 100;

/** A reason shorter than this is refused, by the route and by the dialog before it sends. */
export const MIN_REASON_LENGTH = 3;
/** One request acts on at most this many nodes. */
export const MAX_ACTION_NODES = 1000;

/**
 * POST /api/accounts/{account}/pools/{poolId}/actions — a same-origin JSON POST.
 * `operationId` is made by the browser once per dialog submission; a double click or a retry with the
 * same id never sends the action twice (the server consults the audit log and re-reads the node).
 * `confirm` is what the operator typed when the dialog asked (the node id for one node, else the count).
 */
export const actionRequest = z.object({
  operationId: z.uuid(),
  action: nodeAction,
  option: taskOption.optional(),
  nodeIds: z.array(nodeId).min(1, "select at least one node").max(MAX_ACTION_NODES),
  reason: z.string().trim().min(MIN_REASON_LENGTH, "say why, in a few words").max(1000),
  ticket: ticketRef.optional(),
  confirm: z.string().trim().max(100).optional(),
  /** Removal only: resize the pool back to its targets from before the removal once it is steady again. */
  keepCapacity: z.boolean().optional(),
});
export type ActionRequest = z.infer<typeof actionRequest>;

/**
 * accepted: Batch took it (202/200). failed: Batch refused (error carries kind/code/message/requestId).
 * alreadyDone: a retry found the first attempt had reached Batch, so nothing was sent again.
 * skipped: not sent because the server saw it could not apply (e.g. enable on an enabled node).
 */
export const nodeOutcome = z.enum(["accepted", "failed", "alreadyDone", "skipped"]);
export type NodeOutcome = z.infer<typeof nodeOutcome>;

export const nodeActionResult = z.object({
  nodeId: z.string(),
  outcome: nodeOutcome,
  recordId: z.string(),
  requestId: z.string().optional(),
  error: apiErrorBody.shape.error.optional(),
  /** The error or skip in plain words ("Reimage only exists for cloud-service pools …"). */
  explanation: z.string().optional(),
});
export type NodeActionResult = z.infer<typeof nodeActionResult>;

/** A pool's target node counts: what Batch keeps allocating towards. */
export const poolTargets = z.object({ dedicated: z.number().int().nonnegative(), lowPriority: z.number().int().nonnegative() });
export type PoolTargets = z.infer<typeof poolTargets>;

/**
 * The resize back after a removal with keepCapacity: its own audit record (action resizePool) in the
 * removal's operation. `to` is absent when nothing was sent because no resize was needed or possible.
 */
export const resizeResult = z.object({
  outcome: z.union([nodeOutcome, z.literal("unknown")]),
  recordId: z.string(),
  before: poolTargets,
  to: poolTargets.optional(),
  requestId: z.string().optional(),
  error: apiErrorBody.shape.error.optional(),
  explanation: z.string().optional(),
});
export type ResizeResult = z.infer<typeof resizeResult>;

export const actionResponse = z.object({
  operationId: z.string(),
  action: nodeAction,
  option: taskOption.optional(),
  results: z.array(nodeActionResult),
  resize: resizeResult.optional(),
});
export type ActionResponse = z.infer<typeof actionResponse>;

/** GET …/pools/{poolId}/actions/preview?nodes=a,b — what the dialog shows before anything is sent. */
export const previewQuery = z.object({
  nodes: z
    .string()
    // Room for the longest node id (128) and its comma per node: real VM-pool ids are 72 characters, so
    // 70 a node refused a full selection of real nodes.
    .max(129 * MAX_ACTION_NODES)
    .transform((s) => s.split(",").filter(Boolean))
    .pipe(z.array(nodeId).min(1, "select at least one node").max(MAX_ACTION_NODES)),
});

export const availability = z.object({ allowed: z.boolean(), reason: z.string().optional() });

export const previewNode = z.object({
  nodeId: z.string(),
  /** False when the node is gone; the other fields are then absent. */
  exists: z.boolean(),
  state: z.string().optional(),
  schedulingState: z.string().optional(),
  runningTasks: z.array(z.object({ jobId: z.string(), taskId: z.string() })),
  /** Dedicated or Spot/low-priority: which of the pool's targets a removal lowers. */
  dedicated: z.boolean().optional(),
  /** Per action, whether it can be sent to this node now and, if not, why in plain words. */
  actions: z.record(nodeAction, availability),
});
export type PreviewNode = z.infer<typeof previewNode>;

export const previewResponse = z.object({
  asOf: z.string(),
  poolId: z.string(),
  allocationState: z.string(),
  configuration: z.enum(["virtualMachine", "cloudService"]),
  /** The Batch API version the dashboard speaks, which decides what exists (deallocate, start, reimage on VMs). */
  apiVersion,
  /** The pool's targets now, which a removal lowers by the nodes it removes; absent from older servers. */
  targets: poolTargets.optional(),
  nodes: z.array(previewNode),
});
export type PreviewResponse = z.infer<typeof previewResponse>;
