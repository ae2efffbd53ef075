import "server-only";
import type { BatchServiceClient } from "@azure/batch";
import type { AuditIntent, AuditLog } from "@/lib/audit/log";
import type { BatchAccount } from "@/lib/batch/accounts";
import type { Identity } from "@/lib/schemas/identity";
import type { SnapshotNode } from "./snapshot-before";
import type { ActionRequest, NodeAction, NodeActionResult, TaskOption } from "@/lib/schemas/remediation";

/** Node calls in flight for one request; the account's slots bound all Batch calls on top of this. */
export const NODE_CONCURRENCY = 8;

export interface ActionInput {
  account: BatchAccount;
  poolId: string;
  request: ActionRequest;
  /** The option to send (already checked against the action; the default when none was given). */
  option: TaskOption | undefined;
  who: Identity;
  /** Reimage and removal: takes a node snapshot before sending (snapshot-before.ts); given by the route. */
  snapshotNode?: SnapshotNode;
}

/** A node still to be sent the action, at its place in the request. */
export interface Pending {
  index: number;
  nodeId: string;
  /** The record of an earlier attempt whose outcome is unknown and whose effect is not visible: reused. */
  recordId?: string;
}

export type Recorded = Pending & { recordId: string };

/** What sending needs: the log, the client, the intent every record shares, and the results to fill in. */
export interface SendContext {
  log: AuditLog;
  client: BatchServiceClient;
  base: Omit<AuditIntent, "nodeId">;
  action: NodeAction;
  option: TaskOption | undefined;
  poolId: string;
  account: BatchAccount;
  results: NodeActionResult[];
  /** This request's claims in the store (claim.ts): a random id per request, so it releases only its own. */
  owner: string;
  snapshotNode?: SnapshotNode;
  /** How many more nodes of this request get a snapshot. */
  snapshots?: { left: number };
}
