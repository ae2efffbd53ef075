/**
 * Coalesces identical reads in flight (single-flight) and keeps results for a short time, so many people
 * watching one incident view cost about one Batch call per refresh. Failures are shared by the callers in
 * flight but never kept.
 */
export class ReadCache {
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly values = new Map<string, { value: unknown; expires: number }>();

  constructor(private readonly maxEntries = 2_000) {}

  async get<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
    const hit = this.values.get(key);
    if (hit && hit.expires > Date.now()) return hit.value as T;
    const pending = this.inFlight.get(key);
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

  /** After an action, reads of what it changed must not be served from before it. */
  invalidate(prefix: string): void {
    for (const key of this.values.keys()) if (key.startsWith(prefix)) this.values.delete(key);
  }

  private remember(key: string, value: unknown, ttlMs: number): void {
    if (this.values.size >= this.maxEntries) {
      const now = Date.now();
      for (const [k, v] of this.values) if (v.expires <= now) this.values.delete(k);
      if (this.values.size >= this.maxEntries) this.values.delete(this.values.keys().next().value as string);
    }
    this.values.set(key, { value, expires: Date.now() + ttlMs });
  }
}
