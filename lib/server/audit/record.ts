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

export function recordAccepted(log: AuditLog, recordId: string, requestId: string | undefined): void {
  log.appendOutcome(recordId, { outcome: "accepted", ...withRequestId(requestId) });
}

/** Records a failed call as failed, or leaves it unknown when no answer came back; returns which. */
export function recordFailure(log: AuditLog, recordId: string, error: ApiErrorInfo): FailureOutcome {
  const outcome = failureOutcome(error);
  if (outcome === "failed") log.appendOutcome(recordId, { outcome: "failed", ...withRequestId(error.requestId), error });
  return outcome;
}

/**
 * Nothing was sent, and the record says why: the node was gone ("skipped"), the effect was already there
 * ("alreadyDone"), or a check before the call failed ("failed": known, since no call left).
 */
export function recordNotSent(log: AuditLog, recordId: string, outcome: "skipped" | "alreadyDone" | "failed", error?: ApiErrorInfo): void {
  log.appendOutcome(recordId, { outcome, ...withRequestId(error?.requestId), ...(error ? { error } : {}) });
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
  const recordId = log.appendIntent(intent);
  try {
    const { requestId } = await call();
    recordAccepted(log, recordId, requestId);
    return { recordId, ...withRequestId(requestId) };
  } catch (err) {
    recordFailure(log, recordId, toError(err));
    throw err;
  }
}
