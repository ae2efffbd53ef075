import "server-only";
import type { AuditIntent, AuditLog } from "@/lib/audit/log";
import type { AuditRecord } from "@/lib/schemas/audit";
import { sameId } from "@/lib/schemas/ids";
import type { NodeAction, NodeActionResult } from "@/lib/schemas/remediation";
import type { Pending, SendContext } from "./context";
import { storedResult } from "./retry";

/**
 * Several replicas on one store (docs/architecture.md "Store"): the same operation sent to two of them at
 * once must reach Batch once per node. The claim is in the store, not in memory: a node's first intent
 * is written only with its claim (AuditLog.claimIntent), a retry of an attempt cut off mid-call re-claims
 * it (reclaim), and the request that finds a node claimed sends nothing and answers with the other's
 * outcome.
 */

/** How long a request waits for another request's outcome on a node before answering that it is in progress. */
export const OTHER_ATTEMPT_WAIT_MS = 15_000;
const POLL_MS = 200;

/** The node's intent, claimed for this request; undefined (and the node's result filled in) when another request holds it. */
export async function claimNode(ctx: SendContext, p: Pending, intent: Omit<AuditIntent, keyof SendContext["base"] | "nodeId">): Promise<string | undefined> {
  const id = await ctx.log.claimIntent({ ...ctx.base, nodeId: p.nodeId, ...intent }, ctx.owner);
  if (id === undefined) ctx.results[p.index] = await otherAttempt(ctx.log, ctx.base.account, ctx.base.operationId, p.nodeId, ctx.action);
  return id;
}

/** The record another request of this operation holds (`pick` finds it), once it has an outcome (bounded wait). */
export async function settledElsewhere(
  log: AuditLog,
  account: string,
  operationId: string,
  pick: (records: AuditRecord[]) => AuditRecord | undefined,
): Promise<AuditRecord | undefined> {
  const deadline = Date.now() + OTHER_ATTEMPT_WAIT_MS;
  for (;;) {
    const record = pick(await log.byOperation(account, operationId));
    if (record && record.outcome !== "unknown") return record;
    if (Date.now() + POLL_MS > deadline) return record;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** Another request of this operation (on this replica or another) is acting on the node: its outcome, or that it is still in progress. */
export async function otherAttempt(log: AuditLog, account: string, operationId: string, nodeId: string, action: NodeAction): Promise<NodeActionResult> {
  const record = await settledElsewhere(log, account, operationId, (rs) => rs.find((r) => r.action !== "resizePool" && sameId(r.nodeId, nodeId)));
  if (record && record.outcome !== "unknown") return storedResult(record, action);
  const message = "Another request of this operation is acting on this node and has not recorded its outcome yet.";
  return {
    nodeId,
    outcome: "failed",
    recordId: record?.id ?? "",
    error: { kind: "conflict", status: 409, code: "OperationInProgress", message },
    explanation: `${message} Nothing was sent from here, so the node is not acted on twice; retry this submission to see its outcome.`,
  };
}
