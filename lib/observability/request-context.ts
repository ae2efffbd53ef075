// No "server-only" marker: server.ts (plain Node, outside the React server layer) opens the context that the
// route bundles fill in. The browser never imports it (ESLint).
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

/** What one request caused, gathered while it runs and written in its log line (docs/architecture.md "Observability"). */
export interface RequestContext {
  requestId: string;
  /** Batch's `request-id` of every call this request made (capped; `batchCalls` keeps the count). */
  batchRequestIds: string[];
  batchCalls: number;
  /** The error body's kind and code, when the request ended in one. */
  error?: { kind: string; code?: string; status: number };
}

/** Enough ids to find a request's calls in Batch's own logs; a whole-file search may make thousands. */
const MAX_BATCH_IDS = 20;

// On globalThis: server.ts and every route bundle are separate module graphs of one process, and they must
// share one store, or the route's Batch calls would never reach the request's log line.
const shared = globalThis as typeof globalThis & { __batchscopeRequestContext?: AsyncLocalStorage<RequestContext> };
const storage = (shared.__batchscopeRequestContext ??= new AsyncLocalStorage<RequestContext>());

/** An incoming id is kept only if it is short and plain, since it is echoed in a header and written to the log. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function requestIdFrom(incoming: string | string[] | undefined): string {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value !== undefined && SANE_REQUEST_ID.test(value) ? value : randomUUID();
}

export function runWithRequestContext<T>(context: RequestContext, run: () => T): T {
  return storage.run(context, run);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** A Batch call the current request made, with the service's request id when an answer came back. */
export function noteBatchCall(batchRequestId: string | undefined): void {
  const context = storage.getStore();
  if (!context) return;
  context.batchCalls++;
  if (batchRequestId && context.batchRequestIds.length < MAX_BATCH_IDS) context.batchRequestIds.push(batchRequestId);
}

/** The error the request answered with (kind and code only: messages may quote Batch's text). */
export function noteRequestError(error: { kind: string; code?: string; status: number }): void {
  const context = storage.getStore();
  if (context) context.error = { kind: error.kind, status: error.status, ...(error.code ? { code: error.code } : {}) };
}
