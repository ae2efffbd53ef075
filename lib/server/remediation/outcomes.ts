import "server-only";
import { toApiError, withRequestId } from "@/lib/batch/errors";
import { explainActionError } from "@/lib/remediation/explain-error";
import type { ApiErrorInfo } from "@/lib/schemas/api-error";
import type { Evidence } from "@/lib/schemas/audit";
import { recordAccepted, recordFailure, recordNotSent } from "../audit/record";
import { claimNode } from "./claim";
import type { Pending, Recorded, SendContext } from "./context";
import { captureEvidence } from "./evidence";

/** Batch accepted the call for these nodes: recorded, and each node's result says so. */
export async function accept(ctx: SendContext, sent: Recorded[], requestId: string | undefined): Promise<void> {
  for (const p of sent) {
    await recordAccepted(ctx.log, p.recordId, requestId);
    ctx.results[p.index] = { nodeId: p.nodeId, outcome: "accepted", recordId: p.recordId, ...(requestId ? { requestId } : {}) };
  }
}

/**
 * The call failed for these nodes. A dropped connection or timeout may have reached Batch: its outcome
 * stays unknown (lib/server/audit/record.ts), and a retry of this operation re-reads the node before
 * sending again.
 */
export async function fail(ctx: SendContext, sent: Recorded[], err: unknown): Promise<void> {
  const error = withRequestId(toApiError(err), err);
  for (const p of sent) {
    const outcome = await recordFailure(ctx.log, p.recordId, error);
    ctx.results[p.index] = {
      nodeId: p.nodeId,
      outcome: "failed",
      recordId: p.recordId,
      error,
      ...(error.requestId ? { requestId: error.requestId } : {}),
      explanation:
        outcome === "unknown"
          ? "The call may or may not have reached Batch (no answer came back). Retrying this submission checks the node before sending again."
          : explainActionError(ctx.action, error.code),
    };
  }
}

/**
 * A node this action did not send: recorded (on its earlier attempt's unsettled record when a retry reuses
 * one, so no record is left open) and its result says why.
 */
export async function notSent(ctx: SendContext, p: Pending, outcome: "skipped" | "failed", error: ApiErrorInfo, explanation: string): Promise<void> {
  const recordId = p.recordId ?? (await claimNode(ctx, p, {}));
  if (recordId === undefined) return;
  await recordNotSent(ctx.log, recordId, outcome, error);
  ctx.results[p.index] = { nodeId: p.nodeId, outcome, recordId, error, explanation };
}

/**
 * Evidence before a destructive call. A node that is gone is skipped (there is nothing left to act on);
 * one that cannot be read is not acted on, since its files would be lost unrecorded.
 */
export async function evidenceOrRefusal(ctx: SendContext, p: Pending): Promise<Evidence | undefined> {
  try {
    return await captureEvidence(ctx.account, ctx.poolId, p.nodeId);
  } catch (err) {
    const error = withRequestId(toApiError(err), err);
    if (error.kind === "notFound") await notSent(ctx, p, "skipped", error, explainActionError(ctx.action, error.code ?? "NodeNotFound"));
    else {
      const why = "The node's evidence could not be saved, so nothing was sent (its files would have been lost unrecorded).";
      await notSent(ctx, p, "failed", error, `${why} ${explainActionError(ctx.action, error.code)}`);
    }
    return undefined;
  }
}
