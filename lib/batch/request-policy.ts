import "server-only";
import {
  BaseRequestPolicy,
  type HttpOperationResponse,
  type RequestPolicy,
  type RequestPolicyFactory,
  type RequestPolicyOptions,
  type WebResource,
} from "@azure/ms-rest-js";
import { batchOperation, metrics } from "@/lib/observability/metrics";
import { noteBatchCall } from "@/lib/observability/request-context";
import { Semaphore } from "./semaphore";
import { isUrgent } from "./urgent-reads";

export interface RequestPolicySettings {
  /** Retries after the first attempt, for reads only. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited out here: the error goes to the browser, which backs off. */
  retryAfterCapMs: number;
  /** One attempt of a JSON call; a view must never hang on Batch. */
  attemptTimeoutMs: number;
  /** A streamed file download may take long; it still has an end. */
  streamTimeoutMs: number;
  /** All attempts of one call together. */
  totalBudgetMs: number;
}

export const DEFAULT_POLICY: RequestPolicySettings = {
  maxRetries: 2,
  baseDelayMs: 300,
  maxDelayMs: 3_000,
  retryAfterCapMs: 3_000,
  attemptTimeoutMs: 15_000,
  streamTimeoutMs: 10 * 60_000,
  totalBudgetMs: 30_000,
};

interface FailedCall {
  statusCode?: number;
  code?: string;
  response?: { headers: { get(name: string): string | undefined } };
}

const RETRYABLE_STATUS = new Set([408, 500, 502, 503, 504]);
const RETRYABLE_NETWORK = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ESOCKETTIMEDOUT", "EPIPE", "REQUEST_SEND_ERROR", "REQUEST_ABORTED_ERROR"]);

/**
 * An account's concurrency slots, in two pools: reads (GET, HEAD) and actions (anything that changes
 * something: reboot, reimage, remove, scheduling, node users). Separate, so a burst of heavy reads (a
 * search scanning a large log, many viewers) can never make an operator's reboot wait behind them.
 */
export interface RequestSlots {
  reads: Semaphore;
  actions: Semaphore;
}

export const isReadMethod = (method: string) => method === "GET" || method === "HEAD";

/**
 * Replaces the SDK's retry policies, which surface a 429 at once and retry 5xx for about two minutes
 * (docs/real-service.md "The SDK"). Reads get a few jittered retries inside a fixed budget; actions (POST) are sent
 * once, because a blind resend of a reboot could act twice. Every attempt holds one of the account's
 * concurrency slots of its kind, so a burst of viewers cannot flood the account; a request whose caller
 * aborted leaves the queue for a slot.
 */
export function batchRequestPolicy(settings: RequestPolicySettings, slots: RequestSlots, clock: ServiceClock): RequestPolicyFactory {
  return { create: (next, options) => new BatchRequestPolicy(next, options, settings, slots, clock) };
}

/**
 * The Batch service's clock, learnt from the Date header of every response. Windows ("last hour") are
 * computed against it, so a dashboard server with a skewed clock cannot empty a heatmap.
 */
export class ServiceClock {
  private offsetMs = 0;
  private known = false;

  observe(dateHeader: string | undefined): void {
    const t = dateHeader ? Date.parse(dateHeader) : NaN;
    if (Number.isNaN(t)) return;
    this.offsetMs = t - Date.now();
    this.known = true;
  }

  get isKnown(): boolean {
    return this.known;
  }

  now(): number {
    return Date.now() + this.offsetMs;
  }
}

class BatchRequestPolicy extends BaseRequestPolicy {
  constructor(
    next: RequestPolicy,
    options: RequestPolicyOptions,
    private readonly settings: RequestPolicySettings,
    private readonly slots: RequestSlots,
    private readonly clock: ServiceClock,
  ) {
    super(next, options);
  }

  async sendRequest(request: WebResource): Promise<HttpOperationResponse> {
    const operation = batchOperation(request.method, request.url);
    const started = Date.now();
    try {
      const response = await this.attempts(request, operation, started);
      observeCall(operation, started, "ok", response.headers.get("request-id"));
      return response;
    } catch (err) {
      observeCall(operation, started, callOutcome(err as FailedCall, request), (err as FailedCall).response?.headers.get("request-id"));
      throw err;
    }
  }

  private async attempts(request: WebResource, operation: string, started: number): Promise<HttpOperationResponse> {
    const s = this.settings;
    const isRead = isReadMethod(request.method);
    const slots = isRead ? this.slots.reads : this.slots.actions;
    for (let attempt = 0; ; attempt++) {
      const clone = request.clone();
      clone.timeout = request.timeout || (request.streamResponseBody ? s.streamTimeoutMs : s.attemptTimeoutMs);
      try {
        const response = await slots.run(() => this._nextPolicy.sendRequest(clone), request.abortSignal, isRead && isUrgent());
        this.clock.observe(response.headers.get("date"));
        return response;
      } catch (err) {
        this.clock.observe((err as FailedCall).response?.headers.get("date"));
        const status = (err as FailedCall).statusCode;
        if (status === 429 || status === 503) metrics().batchThrottled.inc({ operation, status: String(status) });
        const wait = isRead && attempt < s.maxRetries && !request.abortSignal?.aborted ? this.retryDelay(err as FailedCall, attempt) : undefined;
        if (wait === undefined || Date.now() - started + wait > s.totalBudgetMs) throw err;
        metrics().batchRetries.inc({ operation });
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }

  /** How long to wait before the next attempt, or undefined when this failure is not worth retrying. */
  private retryDelay(err: FailedCall, attempt: number): number | undefined {
    const s = this.settings;
    const status = err.statusCode;
    const retryAfter = Number(err.response?.headers.get("retry-after"));
    if (Number.isFinite(retryAfter) && (status === 429 || status === 503)) {
      const ms = retryAfter * 1000;
      return ms <= s.retryAfterCapMs ? ms : undefined;
    }
    const retryable = status !== undefined ? RETRYABLE_STATUS.has(status) : RETRYABLE_NETWORK.has(err.code ?? "");
    if (!retryable) return undefined;
    // Full jitter: concurrent dashboards that failed together do not retry together.
    return Math.round(Math.random() * Math.min(s.maxDelayMs, s.baseDelayMs * 2 ** attempt));
  }
}

/** A call's outcome for its metric: a few fixed values, so the label set stays bounded. */
function callOutcome(err: FailedCall, request: WebResource): string {
  if (request.abortSignal?.aborted) return "aborted";
  const status = err.statusCode;
  if (status === undefined) return "network";
  if (status === 429 || status === 503) return "throttled";
  return status >= 500 ? "server_error" : "client_error";
}

/** Counts a call (once, whatever its retries) and gives its Batch request id to the request that caused it. */
function observeCall(operation: string, started: number, outcome: string, batchRequestId: string | undefined): void {
  const m = metrics();
  m.batchCalls.inc({ operation, outcome });
  m.batchCallSeconds.observe({ operation, outcome }, (Date.now() - started) / 1000);
  noteBatchCall(batchRequestId);
}
