// No "server-only" marker: the audit store and start-up code throw these too, outside the React server layer.
// The browser never imports this module (ESLint): it reads the body these become through lib/schemas/api-error.ts.
import type { ApiErrorInfo, ApiErrorKind } from "@/lib/schemas/api-error";

/** The status our own route answers with for each kind: the browser did nothing wrong when Batch refused our key. */
const HTTP_STATUS: Record<ApiErrorKind, number> = {
  network: 502,
  server: 502,
  throttled: 429,
  conflict: 409,
  notFound: 404,
  auth: 502,
  badRequest: 400,
};

export const httpStatusForKind = (kind: ApiErrorKind): number => HTTP_STATUS[kind];

/**
 * The one error hierarchy of the server: anything a service, a read or a request check throws that the
 * caller should see. It carries the wire body (kind, status, code, message, request id) and the HTTP
 * status our route answers with; the route wrapper turns it into the one error body
 * (lib/server/http/error-response.ts) without knowing which module threw it.
 */
export class ApiError extends Error {
  override name = "ApiError";

  constructor(
    readonly info: ApiErrorInfo,
    readonly httpStatus: number = info.status,
    /** Logged on the server, never sent: what an operator of the dashboard needs to see in its logs. */
    readonly serverLog?: string,
  ) {
    super(info.message);
  }
}

/** The request itself is wrong (a field, a cursor, a byte range, a regular expression): 400 naming it. */
export class BadRequestError extends ApiError {
  override name = "BadRequestError";
  constructor(message: string, code = "InvalidInput", status = 400) {
    super({ kind: "badRequest", status, code, message });
  }
}

/** The caller may not do this (another site's page, a viewer): 403 with a code saying which check refused. */
export class ForbiddenError extends ApiError {
  override name = "ForbiddenError";
  constructor(code: string, message: string) {
    super({ kind: "auth", status: 403, code, message });
  }
}

export class NotFoundError extends ApiError {
  override name = "NotFoundError";
  constructor(code: string, message: string) {
    super({ kind: "notFound", status: 404, code, message });
  }
}

/** The request conflicts with the state of things (an operation id reused, an RDP file the pool cannot have). */
export class ConflictError extends ApiError {
  override name = "ConflictError";
  constructor(code: string, message: string, extra: Pick<ApiErrorInfo, "requestId"> = {}) {
    super({ kind: "conflict", status: 409, code, message, ...extra });
  }
}

/** The caller has too much of something costly in flight (whole-file scans): 429, with when to try again. */
export class TooManyRequestsError extends ApiError {
  override name = "TooManyRequestsError";
  constructor(code: string, message: string, retryAfterSeconds: number) {
    super({ kind: "throttled", status: 429, code, message, retryAfterSeconds });
  }
}

/** Something of the dashboard's own cannot serve (its configuration, its audit log): 500, logged on the server. */
export class UnavailableError extends ApiError {
  override name = "UnavailableError";
  constructor(code: string, message: string, serverLog?: string) {
    super({ kind: "server", status: 500, code, message }, 500, serverLog);
  }
}

/**
 * Batch answered with an error, or did not answer (kind "network"). The body keeps Batch's own status;
 * the HTTP status is ours (a Batch 403 on our key is not the browser's fault).
 */
export class BatchServiceError extends ApiError {
  override name = "BatchServiceError";
  constructor(info: ApiErrorInfo, serverLog?: string) {
    super(info, httpStatusForKind(info.kind), serverLog);
  }
}
