import "server-only";
import type { z } from "zod";
import { batchServiceError } from "@/lib/batch/errors";
import { ApiError, BadRequestError } from "@/lib/errors/api-error";
import { logError } from "@/lib/observability/logger";
import { noteRequestError } from "@/lib/observability/request-context";
import type { ApiErrorBody } from "@/lib/schemas/api-error";

/**
 * The one place an error becomes the response the browser parses (lib/schemas/api-error.ts): a member of
 * the ApiError hierarchy answers with its own body and status; a RangeError (a value out of range, found
 * where it is used) is a 400; anything else is taken for a failed Batch call. No stack trace ever reaches
 * the browser; what the server's operator needs goes to the log.
 */
export function errorResponse(err: unknown): Response {
  const error = asApiError(err);
  // The request's log line carries the kind and code (server.ts); what only the operator should read goes
  // to the log on its own line, redacted.
  noteRequestError(error.info);
  if (error.serverLog) logError(error.serverLog, { kind: error.info.kind, code: error.info.code });
  // A 429 or 503 says when to come back in the header too, where HTTP clients and proxies look for it.
  const retryAfter = error.info.retryAfterSeconds;
  const headers =
    retryAfter !== undefined && (error.httpStatus === 429 || error.httpStatus === 503) ? { "Retry-After": String(Math.ceil(retryAfter)) } : undefined;
  return Response.json({ error: error.info } satisfies ApiErrorBody, { status: error.httpStatus, ...(headers ? { headers } : {}) });
}

export function asApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof RangeError) return new BadRequestError(err.message);
  return batchServiceError(err);
}

/** Zod's issues as one message naming each field (never its value, so a pasted secret cannot come back). */
export function describeIssues(error: z.ZodError, where?: string, limit = Infinity): string {
  return error.issues
    .slice(0, limit)
    .map((i) => {
      const path = i.path.join(".");
      return where === undefined ? `${path || "body"}: ${i.message}` : `${where}${path ? ` ${path}` : ""} ${i.message}`;
    })
    .join("; ");
}
