/**
 * A keyed collection that remembers insertion order with a monotonically increasing sequence number.
 * List pages resume after the last sequence number they returned, so an item added or deleted between two
 * pages never makes another item appear twice or go missing.
 */
export class OrderedCollection<T> {
  private readonly byKey = new Map<string, { seq: number; value: T }>();
  private entries: { seq: number; key: string; value: T }[] = [];
  private nextSeq = 1;
  private deleted = 0;

  get size(): number {
    return this.byKey.size;
  }

  // Batch ids are case-insensitive but case-preserving.
  get(key: string): T | undefined {
    return this.byKey.get(key.toLowerCase())?.value;
  }

  has(key: string): boolean {
    return this.byKey.has(key.toLowerCase());
  }

  add(key: string, value: T): void {
    const k = key.toLowerCase();
    if (this.byKey.has(k)) throw new Error(`duplicate key ${key}`);
    const seq = this.nextSeq++;
    this.byKey.set(k, { seq, value });
    this.entries.push({ seq, key: k, value });
  }

  delete(key: string): boolean {
    const k = key.toLowerCase();
    if (!this.byKey.delete(k)) return false;
    this.deleted++;
    // Compact lazily: deletions are rare next to reads.
    if (this.deleted > 64 && this.deleted > this.entries.length / 4) {
      this.entries = this.entries.filter((e) => this.byKey.has(e.key));
      this.deleted = 0;
    }
    return true;
  }

  values(): T[] {
    return this.entries.filter((e) => this.byKey.get(e.key)?.seq === e.seq).map((e) => e.value);
  }

  /** Items after sequence number `afterSeq` that match, at most `limit`; `lastSeq` is the resume token. */
  page(afterSeq: number, limit: number, match: (value: T) => boolean): { items: T[]; lastSeq: number; more: boolean } {
    const items: T[] = [];
    let i = lowerBound(this.entries, afterSeq + 1);
    let lastSeq = afterSeq;
    for (; i < this.entries.length; i++) {
      const e = this.entries[i]!;
      if (this.byKey.get(e.key)?.seq !== e.seq) continue;
      if (!match(e.value)) continue;
      if (items.length === limit) return { items, lastSeq, more: true };
      items.push(e.value);
      lastSeq = e.seq;
    }
    return { items, lastSeq, more: false };
  }
}

function lowerBound(entries: readonly { seq: number }[], seq: number): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid]!.seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
