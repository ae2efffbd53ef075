import "server-only";
import type { AuditIntent, AuditLog } from "@/lib/audit/log";
import { auditLog } from "@/lib/audit/open";
import type { ApiErrorInfo } from "@/lib/schemas/api-error";

/**
 * The one way services write what happened to a Batch call into the audit log, so remediation and Connect
 * agree on outcomes. An intent is written before the call; after it:
 * - Batch accepted it: "accepted" with Batch's request id;
 * - Batch answered with a refusal: "failed" with the error;
 * - no answer came back (a dropped connection, a timeout: kind "network"): nothing is written, and the
 *   record's outcome stays "unknown", since the call may have reached Batch.
 */
export type FailureOutcome = "failed" | "unknown";

export const failureOutcome = (error: ApiErrorInfo): FailureOutcome => (error.kind === "network" ? "unknown" : "failed");

const withRequestId = (requestId: string | undefined) => (requestId ? { requestId } : {});

export async function recordAccepted(log: AuditLog, recordId: string, requestId: string | undefined): Promise<void> {
  await log.appendOutcome(recordId, { outcome: "accepted", ...withRequestId(requestId) });
}

/** Records a failed call as failed, or leaves it unknown when no answer came back; returns which. */
export async function recordFailure(log: AuditLog, recordId: string, error: ApiErrorInfo): Promise<FailureOutcome> {
  const outcome = failureOutcome(error);
  if (outcome === "failed") await log.appendOutcome(recordId, { outcome: "failed", ...withRequestId(error.requestId), error });
  return outcome;
}

/**
 * Nothing was sent, and the record says why: the node was gone ("skipped"), the effect was already there
 * ("alreadyDone"), or a check before the call failed ("failed": known, since no call left).
 */
export async function recordNotSent(log: AuditLog, recordId: string, outcome: "skipped" | "alreadyDone" | "failed", error?: ApiErrorInfo): Promise<void> {
  await log.appendOutcome(recordId, { outcome, ...withRequestId(error?.requestId), ...(error ? { error } : {}) });
}

/**
 * Records one Batch call: the intent before it, the outcome after (as above). `call` returns Batch's
 * request id; a thrown error is recorded by `toError`'s reading of it and rethrown.
 */
export async function recordCall(
  intent: AuditIntent,
  call: () => Promise<{ requestId?: string }>,
  toError: (err: unknown) => ApiErrorInfo,
): Promise<{ recordId: string; requestId?: string }> {
  const log = auditLog();
  const recordId = await log.appendIntent(intent);
  let requestId: string | undefined;
  try {
    ({ requestId } = await call());
  } catch (err) {
    await recordFailure(log, recordId, toError(err));
    throw err;
  }
  // Outside the try: a store that fails to take the outcome is not a refusal by Batch to be recorded as one.
  await recordAccepted(log, recordId, requestId);
  return { recordId, ...withRequestId(requestId) };
}
