import { metrics } from "@/lib/observability/metrics";

/** Per account: room for a large incident's task reads and many viewers' slices, and still a known ceiling. */
export const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;
/** Expired entries are swept at most this often, on the cache's own reads and writes (no timer to keep alive). */
const SWEEP_EVERY_MS = 10_000;

export interface ReadCacheOptions {
  /** The approximate bytes all kept values may take together; the least recently used go first. */
  maxBytes?: number;
  now?: () => number;
}

interface Entry {
  value: unknown;
  expires: number;
  bytes: number;
}

/**
 * Coalesces identical reads in flight (single-flight) and keeps results for a short time, so many people
 * watching one incident view cost about one Batch call per refresh. Failures are shared by the callers in
 * flight but never kept. What is kept is bounded by bytes (each value's approximate size), with expired
 * entries swept and the least recently used evicted first, so neither many distinct reads nor a few huge
 * ones can grow the server's memory without end.
 */
export class ReadCache {
  private readonly inFlight = new Map<string, Promise<unknown>>();
  /** In use order: a hit moves its entry to the end, so the first entry is the least recently used. */
  private readonly values = new Map<string, Entry>();
  private keptBytes = 0;
  private lastSweep: number;
  private readonly maxBytes: number;
  private readonly now: () => number;

  constructor(options: ReadCacheOptions = {}) {
    this.maxBytes = options.maxBytes ?? DEFAULT_CACHE_BYTES;
    this.now = options.now ?? Date.now;
    this.lastSweep = this.now();
  }

  /** The approximate bytes of the values kept now. */
  get bytes(): number {
    return this.keptBytes;
  }

  get entries(): number {
    return this.values.size;
  }

  async get<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
    this.sweepIfDue();
    const hit = this.values.get(key);
    if (hit && hit.expires > this.now()) {
      this.values.delete(key);
      this.values.set(key, hit);
      metrics().readCache.inc({ result: "hit" });
      return hit.value as T;
    }
    if (hit) this.drop(key, hit);
    const pending = this.inFlight.get(key);
    metrics().readCache.inc({ result: pending ? "coalesced" : "miss" });
    if (pending) return pending as Promise<T>;
    const promise = load().then(
      (value) => {
        this.inFlight.delete(key);
        if (ttlMs > 0) this.remember(key, value, ttlMs);
        return value;
      },
      (err: unknown) => {
        this.inFlight.delete(key);
        throw err;
      },
    );
    this.inFlight.set(key, promise);
    return promise;
  }

  /** Whether a read of this key would be answered without a new load: from a fresh value, or by one in flight. */
  state(key: string): "kept" | "loading" | undefined {
    const hit = this.values.get(key);
    if (hit !== undefined && hit.expires > this.now()) return "kept";
    return this.inFlight.has(key) ? "loading" : undefined;
  }

  /** After an action, reads of what it changed must not be served from before it. */
  invalidate(prefix: string): void {
    for (const [key, entry] of this.values) if (key.startsWith(prefix)) this.drop(key, entry);
  }

  private remember(key: string, value: unknown, ttlMs: number): void {
    const old = this.values.get(key);
    if (old) this.drop(key, old);
    const bytes = approximateBytes(value);
    // One value may take half the budget at most: a single huge read must not evict everything else.
    if (bytes > this.maxBytes / 2) return;
    if (this.keptBytes + bytes > this.maxBytes) this.sweep();
    for (const [k, entry] of this.values) {
      if (this.keptBytes + bytes <= this.maxBytes) break;
      this.drop(k, entry);
    }
    this.values.set(key, { value, expires: this.now() + ttlMs, bytes });
    this.keptBytes += bytes;
  }

  private sweepIfDue(): void {
    if (this.now() - this.lastSweep >= SWEEP_EVERY_MS) this.sweep();
  }

  private sweep(): void {
    const now = this.now();
    this.lastSweep = now;
    for (const [key, entry] of this.values) if (entry.expires <= now) this.drop(key, entry);
  }

  private drop(key: string, entry: Entry): void {
    if (this.values.get(key) !== entry) return;
    this.values.delete(key);
    this.keptBytes -= entry.bytes;
  }
}

/**
 * About what a value takes as JSON, with binary data (a file slice's Buffer) by its byte length: a
 * measure of relative size for the budget, not of the heap. Walks the value once, as JSON.stringify would.
 */
export function approximateBytes(value: unknown): number {
  if (value === null || value === undefined) return 4;
  switch (typeof value) {
    case "string":
      return value.length + 2;
    case "number":
    case "bigint":
      return 8;
    case "boolean":
      return 5;
    case "object":
      break;
    default:
      return 0;
  }
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (value instanceof Date) return 26;
  if (Array.isArray(value)) {
    let total = 2;
    for (const item of value) total += approximateBytes(item) + 1;
    return total;
  }
  let total = 2;
  for (const [k, v] of Object.entries(value)) total += k.length + 4 + approximateBytes(v);
  return total;
}
