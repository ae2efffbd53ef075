import "server-only";
import { BatchServiceError } from "@/lib/errors/api-error";
import { redactSecrets } from "@/lib/redact";
import type { ApiErrorInfo, ApiErrorKind } from "@/lib/schemas/api-error";

interface SdkError {
  statusCode?: number;
  code?: string;
  message?: unknown;
  body?: { code?: string; message?: { value?: string } };
  response?: { headers?: { get(name: string): string | undefined } };
}

/**
 * Any failure of a Batch call → the error body a person can act on (wrapped as a BatchServiceError by
 * batchServiceError below). The SDK puts Batch's message object in
 * err.message (it prints as "[object Object]"), so the text comes from the body; the request id is kept
 * because Microsoft support asks for it.
 */
export function toApiError(err: unknown): ApiErrorInfo {
  const e = (err ?? {}) as SdkError;
  const status = typeof e.statusCode === "number" ? e.statusCode : 0;
  const headers = e.response?.headers;
  const rawText = e.body?.message?.value ?? (typeof e.message === "object" ? (e.message as { value?: unknown } | null)?.value : undefined);
  const batchText = typeof rawText === "string" && rawText.trim() ? rawText : undefined;
  const requestId = headers?.get("request-id") ?? requestIdIn(batchText);
  const retryAfter = Number(headers?.get("retry-after"));
  // ms-rest-js leaves "" (a HEAD has no body) or "Unexpected status code: N" (a streamed read's error body
  // is not parsed): neither says anything, and "could not be reached" would be false when Batch answered.
  const sdkText = typeof e.message === "string" && e.message && !/^Unexpected status code: \d+$/.test(e.message) ? e.message : undefined;
  // Shown to the operator and kept in audit outcomes: redacted like every other text from Batch (lib/redact.ts).
  const message = redactSecrets(withoutTrailer(batchText ?? sdkText ?? noDetails(status)));
  return {
    kind: kindOf(status, Number.isFinite(retryAfter)),
    status,
    ...(e.body?.code || e.code ? { code: e.body?.code ?? e.code } : {}),
    message,
    ...(requestId ? { requestId } : {}),
    ...(Number.isFinite(retryAfter) && retryAfter >= 0 ? { retryAfterSeconds: retryAfter } : {}),
  };
}

/** Batch ends its messages with "\nRequestId:…\nTime:…" lines: the request id is a field of its own. */
const TRAILER_LINE = /^\s*(RequestId|Time)\s*:/i;

function withoutTrailer(text: string): string {
  const lines = text.trimEnd().split(/\r?\n/);
  while (lines.length > 1 && TRAILER_LINE.test(lines[lines.length - 1]!)) lines.pop();
  return lines.join("\n").trim() || text.trim();
}

/** The request id from a message's trailer, for the rare answer whose headers did not carry one. */
function requestIdIn(text: string | undefined): string | undefined {
  return text?.match(/(?:^|\n)\s*RequestId\s*:\s*([0-9A-Fa-f-]{8,64})\s*(?:\r?\n|$)/)?.[1];
}

const REASONS: Partial<Record<number, string>> = {
  401: "unauthorized",
  403: "forbidden",
  404: "not found: it does not exist, or no longer does",
  409: "conflict",
  429: "too many requests",
  500: "internal error",
  503: "server busy",
};

/** The message when Batch's answer carried none: what the status alone says. */
function noDetails(status: number): string {
  if (status === 0) return "The Batch service could not be reached.";
  const reason = REASONS[status];
  return `The Batch service answered HTTP ${status}${reason ? ` (${reason})` : ""} without details.`;
}

/** Throttled is a 429, or a 503 that says when to come back; any other 5xx is the server's. */
function kindOf(status: number, hasRetryAfter: boolean): ApiErrorKind {
  if (status === 0) return "network";
  if (status === 429 || (status === 503 && hasRetryAfter)) return "throttled";
  if (status >= 500) return "server";
  if (status === 401 || status === 403) return "auth";
  if (status === 404) return "notFound";
  if (status === 409) return "conflict";
  return "badRequest";
}

interface WithHeaders {
  requestId?: string;
  _response?: { headers?: { get(name: string): string | undefined } };
  response?: { headers?: { get(name: string): string | undefined } };
}

/** Batch's request id from a response: `request-id`, or `x-ms-request-id` as some front ends send it. */
export function requestIdOf(res: unknown): string | undefined {
  const r = res as WithHeaders | undefined;
  return r?.requestId || r?._response?.headers?.get("request-id") || r?._response?.headers?.get("x-ms-request-id") || undefined;
}

/** An error whose body named no request id keeps the one its response headers carry. */
export function withRequestId(error: ApiErrorInfo, err: unknown): ApiErrorInfo {
  if (error.requestId) return error;
  const id = (err as WithHeaders)?.response?.headers?.get("x-ms-request-id");
  return id ? { ...error, requestId: id } : error;
}

/** A failed Batch call as the one error hierarchy's member for it, so the route wrapper answers with its body. */
export function batchServiceError(err: unknown): BatchServiceError {
  const info = toApiError(err);
  return new BatchServiceError(info, info.kind === "network" ? `batch call failed: ${(err as Error)?.message ?? err}` : undefined);
}
