import { Errors, type BatchServiceError } from "./errors";
import { createRng, type Rng } from "./util/prng";

/**
 * Faults injected into Batch requests, switched on by CLI flags or the control API. Rates are
 * probabilities per request; `pathPrefix` limits them to part of the API (e.g. "/pools").
 */
export interface FaultConfig {
  throttleRate: number;
  retryAfterSeconds: number;
  serverBusyRate: number;
  internalErrorRate: number;
  dropRate: number;
  latencyMs: number;
  /**
   * Added per item a list page returns, after the page is built: the service's cost of finding and
   * serialising a page grows with the page (README, "Latency profile"). 0 keeps every page equally fast.
   */
  perItemMs: number;
  pathPrefix?: string;
}

export const NO_FAULTS: FaultConfig = {
  throttleRate: 0,
  retryAfterSeconds: 2,
  serverBusyRate: 0,
  internalErrorRate: 0,
  dropRate: 0,
  latencyMs: 0,
  perItemMs: 0,
};

export type FaultDecision = { kind: "none" } | { kind: "drop" } | { kind: "error"; error: BatchServiceError };

export class Faults {
  private config: FaultConfig = { ...NO_FAULTS };
  private readonly rng: Rng;

  constructor(seed: number, initial?: Partial<FaultConfig>) {
    this.rng = createRng(seed ^ 0x5eed);
    if (initial) this.set(initial);
  }

  get(): FaultConfig {
    return { ...this.config };
  }

  set(patch: Partial<FaultConfig>): FaultConfig {
    const next = { ...this.config, ...patch };
    for (const key of ["throttleRate", "serverBusyRate", "internalErrorRate", "dropRate"] as const) {
      const v = next[key];
      if (!(v >= 0 && v <= 1)) throw new RangeError(`${key} must be between 0 and 1`);
    }
    if (!(next.latencyMs >= 0) || !(next.retryAfterSeconds >= 0) || !(next.perItemMs >= 0))
      throw new RangeError("latencyMs, perItemMs and retryAfterSeconds must be non-negative");
    this.config = next;
    return this.get();
  }

  reset(): void {
    this.config = { ...NO_FAULTS };
  }

  decide(path: string): FaultDecision {
    const c = this.config;
    if (c.pathPrefix && !path.toLowerCase().startsWith(c.pathPrefix.toLowerCase())) return { kind: "none" };
    if (c.dropRate > 0 && this.rng.chance(c.dropRate)) return { kind: "drop" };
    if (c.throttleRate > 0 && this.rng.chance(c.throttleRate)) return { kind: "error", error: Errors.throttled(c.retryAfterSeconds) };
    if (c.serverBusyRate > 0 && this.rng.chance(c.serverBusyRate)) return { kind: "error", error: Errors.serverBusy() };
    if (c.internalErrorRate > 0 && this.rng.chance(c.internalErrorRate)) return { kind: "error", error: Errors.internalError() };
    return { kind: "none" };
  }

  latencyFor(path: string): number {
    const c = this.config;
    return this.applies(path) ? c.latencyMs : 0;
  }

  /** The extra time a list page of `items` entries costs (0 for anything that is not a list page). */
  pageCostFor(path: string, items: number): number {
    return this.applies(path) ? this.config.perItemMs * items : 0;
  }

  private applies(path: string): boolean {
    const c = this.config;
    return !c.pathPrefix || path.toLowerCase().startsWith(c.pathPrefix.toLowerCase());
  }
}
