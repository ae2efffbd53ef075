/**
 * Every error the emulator sends is built here, with the status and code the Batch service uses
 * (docs/real-service.md "Errors"), so handlers never invent codes of their own.
 */
export interface ErrorValue {
  key: string;
  value: string;
}

export class BatchServiceError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly values: ErrorValue[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const err = (status: number, code: string, message: string, values: ErrorValue[] = []) => new BatchServiceError(status, code, message, values);

export const Errors = {
  authenticationFailed: (detail: string) =>
    err(
      403,
      "AuthenticationFailed",
      "Server failed to authenticate the request. Verify that the value of Authorization header is formed correctly and includes the signature.",
      [{ key: "AuthenticationErrorDetail", value: detail }],
    ),
  invalidAuthenticationInfo: (detail: string) =>
    err(400, "InvalidAuthenticationInfo", "Authentication information is not given in the correct format. Check the value of Authorization header.", [
      { key: "AuthenticationErrorDetail", value: detail },
    ]),
  missingApiVersion: () =>
    err(400, "MissingRequiredQueryParameter", "A query parameter that's mandatory for this request is not specified.", [
      { key: "QueryParameterName", value: "api-version" },
    ]),
  unsupportedApiVersion: (given: string, served: readonly string[]) =>
    err(400, "InvalidQueryParameterValue", "Value for one of the query parameters specified in the request URI is invalid.", [
      { key: "QueryParameterName", value: "api-version" },
      { key: "QueryParameterValue", value: given },
      { key: "Reason", value: `The specified api-version is not supported; use ${served.join(" or ")}.` },
    ]),
  invalidQueryParameter: (name: string, value: string, reason: string) =>
    err(400, "InvalidQueryParameterValue", "Value for one of the query parameters specified in the request URI is invalid.", [
      { key: "QueryParameterName", value: name },
      { key: "QueryParameterValue", value },
      { key: "Reason", value: reason },
    ]),
  outOfRangeQueryParameter: (name: string, value: string) =>
    err(400, "OutOfRangeQueryParameterValue", "One of the query parameters specified in the request URI is outside the permissible range.", [
      { key: "QueryParameterName", value: name },
      { key: "QueryParameterValue", value },
    ]),
  invalidRequestBody: (reason: string) =>
    err(400, "InvalidRequestBody", "The specified Request Body is not syntactically valid.", [{ key: "Reason", value: reason }]),
  missingProperty: (name: string) =>
    err(400, "MissingRequiredProperty", "A required property was not specified in the request body.", [{ key: "PropertyName", value: name }]),
  invalidProperty: (name: string, value: unknown, reason: string) =>
    err(400, "InvalidPropertyValue", "The value provided for one of the properties in the request body is invalid.", [
      { key: "PropertyName", value: name },
      { key: "PropertyValue", value: String(value) },
      { key: "Reason", value: reason },
    ]),
  /** For passwords and SSH keys: the value is never echoed back, unlike invalidProperty. */
  invalidSecretProperty: (name: string, reason: string) =>
    err(400, "InvalidPropertyValue", "The value provided for one of the properties in the request body is invalid.", [
      { key: "PropertyName", value: name },
      { key: "Reason", value: reason },
    ]),
  invalidUri: (reason: string) =>
    err(400, "InvalidUri", "The requested URI does not represent any resource on the server.", [{ key: "Reason", value: reason }]),
  unsupportedVerb: (method: string) => err(405, "UnsupportedHttpVerb", `The resource doesn't support the specified HTTP verb ${method}.`),
  invalidRange: (range: string, size: number) =>
    err(416, "InvalidRange", "The range specified is invalid for the current size of the resource.", [
      { key: "RangeRequested", value: range },
      { key: "ResourceSize", value: String(size) },
    ]),

  poolNotFound: () => err(404, "PoolNotFound", "The specified pool does not exist."),
  nodeNotFound: () => err(404, "NodeNotFound", "The specified node does not exist."),
  jobNotFound: () => err(404, "JobNotFound", "The specified job does not exist."),
  taskNotFound: () => err(404, "TaskNotFound", "The specified task does not exist."),
  fileNotFound: (path: string) => err(404, "FileNotFound", "The specified file does not exist.", [{ key: "FilePath", value: path }]),
  nodeUserNotFound: () => err(404, "NodeUserNotFound", "The specified node user does not exist."),
  jobScheduleNotFound: () => err(404, "JobScheduleNotFound", "The specified job schedule does not exist."),
  resourceNotFound: () => err(404, "ResourceNotFound", "The specified resource does not exist."),

  poolExists: () => err(409, "PoolExists", "The specified pool already exists."),
  jobExists: () => err(409, "JobExists", "The specified job already exists."),
  jobScheduleExists: () => err(409, "JobScheduleExists", "The specified job schedule already exists."),
  taskExists: () => err(409, "TaskExists", "The specified task already exists."),
  nodeUserExists: () => err(409, "NodeUserExists", "The node user account you are attempting to add already exists."),
  poolBeingDeleted: () => err(409, "PoolBeingDeleted", "The specified pool has been marked for deletion and is being reclaimed."),
  poolBeingResized: () => err(409, "PoolBeingResized", "The specified pool is currently being resized. Wait until its allocation state is steady."),
  poolNotSteadyForRemoval: () => err(409, "PoolBeingResized", "Nodes can only be removed when the pool's allocation state is steady."),
  nodeState: (code: string, state: string) =>
    err(409, code, `The operation is not allowed while the node is in the ${state} state.`, [{ key: "NodeState", value: state }]),
  operationNotValidOnNode: (reason: string) =>
    err(409, "OperationNotValidOnNode", "The specified operation is not valid on the node.", [{ key: "Reason", value: reason }]),
  nodeAlreadyInTargetSchedulingState: (state: string) => err(409, "NodeAlreadyInTargetSchedulingState", `The node's scheduling state is already ${state}.`),
  jobNotActive: (state: string) => err(409, "JobNotActive", `The specified job is not active (it is ${state}).`),
  jobCompleted: () => err(409, "JobCompleted", "The specified job is already in a completed state."),
  jobBeingDeleted: () => err(409, "JobBeingDeleted", "The specified job has been marked for deletion and is being garbage collected."),
  jobBeingTerminated: () => err(409, "JobBeingTerminated", "The specified job is being terminated."),
  jobScheduleCompleted: () => err(409, "JobScheduleCompleted", "The specified job schedule is already in completed state."),
  jobScheduleBeingDeleted: () => err(409, "JobScheduleBeingDeleted", "The specified job schedule has been marked for deletion and is being garbage collected."),
  jobScheduleBeingTerminated: () => err(409, "JobScheduleBeingTerminated", "The specified job schedule is being terminated."),
  taskCompleted: () => err(409, "TaskCompleted", "The specified task is already in a completed state."),
  taskNotCompleted: () => err(409, "TaskNotCompleted", "The specified task is not in a completed state, so it cannot be reactivated."),
  taskSucceeded: () => err(409, "TaskSucceeded", "The specified task completed successfully, so it cannot be reactivated."),
  taskFilesUnavailable: (reason: string) =>
    err(409, "TaskFilesUnavailable", "The files of the specified task are not available.", [{ key: "Reason", value: reason }]),
  taskFilesCleanedUp: () => err(409, "TaskFilesCleanedup", "The files of the specified task have been cleaned up because its retention time has expired."),
  nodeFilesUnavailable: (state: string) =>
    err(409, "OperationInvalidForCurrentState", `Files are not available while the node is ${state}.`, [{ key: "NodeState", value: state }]),

  throttled: (retryAfterSeconds: number) => {
    const e = err(429, "TooManyRequests", "The server is throttling requests from this account. Retry after the indicated time.");
    return new BatchServiceError(e.status, e.code, e.message, e.values, { "Retry-After": String(retryAfterSeconds) });
  },
  /** An outage rather than throttling: no Retry-After (the throttling fault is the 429). */
  serverBusy: () => err(503, "ServerBusy", "The server is currently unable to receive requests. Please retry your request."),
  internalError: () => err(500, "InternalError", "The server encountered an internal error. Please retry the request."),
};

/** The Batch error body: message.value ends with the request id and time, as the service writes it. */
export function errorBody(e: BatchServiceError, baseUrl: string, requestId: string, nowMs: number) {
  const time = new Date(nowMs).toISOString().replace("Z", "0000Z");
  return {
    "odata.metadata": `${baseUrl}/$metadata#Microsoft.Azure.Batch.Protocol.Entities.Container.errors/@Element`,
    code: e.code,
    message: { lang: "en-US", value: `${e.message}\nRequestId:${requestId}\nTime:${time}` },
    ...(e.values.length > 0 ? { values: e.values } : {}),
  };
}
