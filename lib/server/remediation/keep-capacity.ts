import "server-only";
import type { BatchServiceClient } from "@azure/batch";
import { requestIdOf, toApiError, withRequestId } from "@/lib/batch/errors";
import { capacityAfterRemoval } from "@/lib/remediation/capacity";
import type { ApiErrorInfo } from "@/lib/schemas/api-error";
import type { AuditRecord } from "@/lib/schemas/audit";
import type { PoolTargets, ResizeResult } from "@/lib/schemas/remediation";
import { recordAccepted, recordFailure, recordNotSent } from "../audit/record";
import { settledElsewhere } from "./claim";
import type { SendContext } from "./context";
import { waitForSteady } from "./remove";

/**
 * "Keep capacity": Batch lowers a pool's target by every node removeNodes removes (docs/real-service.md),
 * so a removal shrinks the pool for good. With keepCapacity the removal's operation gets one more audit
 * record, action resizePool (nodeId empty: it is the pool's), sent once the pool is steady again, since
 * Batch refuses a resize while the pool is resizing (409 PoolBeingResized).
 */

/** How long the resize back waits for the removal to finish: a removal that waits for its tasks can take longer, and is then not resized. */
export const KEEP_CAPACITY_WAIT_MS = 300_000;

/** The pool's targets now, read from Batch (never from the cache: they are the numbers the resize restores). */
export async function readTargets(client: BatchServiceClient, poolId: string): Promise<PoolTargets & { autoScale: boolean }> {
  const p = await client.pool.get(poolId, { poolGetOptions: { select: "id,targetDedicatedNodes,targetLowPriorityNodes,enableAutoScale" } });
  return { dedicated: p.targetDedicatedNodes ?? 0, lowPriority: p.targetLowPriorityNodes ?? 0, autoScale: p.enableAutoScale === true };
}

/** A retry of an operation whose resize record exists: answered from the record, nothing sent again. */
function storedResize(r: AuditRecord, before: PoolTargets): ResizeResult {
  const unknown = r.outcome === "unknown";
  return {
    outcome: r.outcome,
    recordId: r.id,
    before,
    ...(r.resizeTo ? { to: r.resizeTo } : {}),
    ...(r.requestId ? { requestId: r.requestId } : {}),
    ...(r.error ? { error: r.error } : {}),
    ...(unknown
      ? { explanation: "An earlier attempt sent the resize and no answer came back; nothing was sent again. Check the pool's target on its page." }
      : {}),
  };
}

/** The intent of the resize record: the removal's who and why, without its task option. */
function resizeIntent(ctx: SendContext, before: PoolTargets, to?: PoolTargets) {
  const base = { ...ctx.base };
  delete base.option;
  return { ...base, nodeId: "", action: "resizePool" as const, targetsBefore: before, ...(to ? { resizeTo: to } : {}), keepCapacity: true };
}

/**
 * The resize record's intent with its claim (the pool's, nodeId ""), or, when another request of this
 * operation claimed it first, that request's resize as it was recorded (claim.ts).
 */
async function claimResize(ctx: SendContext, before: PoolTargets, to?: PoolTargets): Promise<string | ResizeResult> {
  const id = await ctx.log.claimIntent(resizeIntent(ctx, before, to), ctx.owner);
  if (id !== undefined) return id;
  const other = await settledElsewhere(ctx.log, ctx.base.account, ctx.base.operationId, (rs) => rs.find((r) => r.action === "resizePool"));
  return other
    ? storedResize(other, before)
    : { outcome: "unknown", recordId: "", before, explanation: "Another request of this operation is resizing the pool back; check the pool's target." };
}

/** The resize back was not sent: recorded, with why. */
async function notSentResize(
  ctx: SendContext,
  before: PoolTargets,
  outcome: "skipped" | "failed",
  explanation: string,
  error?: ApiErrorInfo,
): Promise<ResizeResult> {
  const recordId = await claimResize(ctx, before);
  if (typeof recordId !== "string") return recordId;
  await recordNotSent(ctx.log, recordId, outcome, error);
  return { outcome, recordId, before, ...(error ? { error } : {}), explanation };
}

/**
 * After the removal: waits (bounded) for a steady pool, then resizes it to the targets it had before,
 * never below what it has now (someone may have grown it meanwhile). Each step is in the audit log.
 */
export async function resizeBack(ctx: SendContext, before: PoolTargets, prior: AuditRecord | undefined, removedAny: boolean): Promise<ResizeResult> {
  if (prior) return storedResize(prior, before);
  if (!removedAny) return notSentResize(ctx, before, "skipped", "No node was removed, so the pool was not resized.");
  if (!(await waitForSteady(ctx.client, ctx.poolId, KEEP_CAPACITY_WAIT_MS))) {
    const error: ApiErrorInfo = {
      kind: "conflict",
      status: 409,
      code: "PoolBeingResized",
      message: `The pool was still resizing ${KEEP_CAPACITY_WAIT_MS / 60_000} minutes after the removal.`,
    };
    return notSentResize(ctx, before, "skipped", "The resize back was not sent: resize the pool by hand once it is steady.", error);
  }
  let now: PoolTargets;
  try {
    now = await readTargets(ctx.client, ctx.poolId);
  } catch (err) {
    return notSentResize(ctx, before, "failed", "The pool could not be read, so the resize back was not sent.", withRequestId(toApiError(err), err));
  }
  const to = capacityAfterRemoval(before, now);
  if (!to) return notSentResize(ctx, before, "skipped", "The pool's targets are already at least what they were before the removal.");
  const recordId = await claimResize(ctx, before, to);
  if (typeof recordId !== "string") return recordId;
  let res;
  try {
    res = await ctx.client.pool.resize(ctx.poolId, { targetDedicatedNodes: to.dedicated, targetLowPriorityNodes: to.lowPriority });
  } catch (err) {
    const error = withRequestId(toApiError(err), err);
    const outcome = await recordFailure(ctx.log, recordId, error);
    return {
      outcome: outcome === "unknown" ? "unknown" : "failed",
      recordId,
      before,
      to,
      error,
      ...(error.requestId ? { requestId: error.requestId } : {}),
      explanation: outcome === "unknown" ? "The resize may or may not have reached Batch; check the pool's target." : "Batch refused the resize back.",
    };
  }
  const requestId = requestIdOf(res);
  await recordAccepted(ctx.log, recordId, requestId);
  return { outcome: "accepted", recordId, before, to, ...(requestId ? { requestId } : {}) };
}
