import type { SimClock } from "./clock";

interface Pending {
  at: number;
  seq: number;
  run: () => void;
}

/**
 * Simulation events ordered by simulated time. A single real timer is armed for the earliest one; callers
 * also `runDue()` before serving a request so that state is current even when a timer is late.
 */
export class EventQueue {
  private heap: Pending[] = [];
  private seq = 0;
  private timer: NodeJS.Timeout | undefined;
  private armedFor = Infinity;
  private running = false;
  private closed = false;
  /** While an event runs, "now" is that event's time, so a clock moved far ahead still yields exact timestamps. */
  private current: number | undefined;

  constructor(private readonly clock: SimClock) {}

  at(atMs: number, run: () => void): void {
    this.push({ at: atMs, seq: this.seq++, run });
    if (atMs < this.armedFor) this.arm();
  }

  after(delayMs: number, run: () => void): void {
    this.at(this.now() + delayMs, run);
  }

  now(): number {
    return this.current ?? this.clock.now();
  }

  get size(): number {
    return this.heap.length;
  }

  runDue(): void {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const first = this.heap[0];
        if (!first || first.at > this.clock.now()) break;
        this.pop();
        this.current = first.at;
        first.run();
      }
    } finally {
      this.running = false;
      this.current = undefined;
    }
    this.arm();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.heap = [];
  }

  private arm(): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    const first = this.heap[0];
    this.armedFor = first ? first.at : Infinity;
    if (!first) return;
    // Cap the wait so a clock moved by advance() is noticed; unref so the queue never keeps a process alive.
    const delay = Math.min(this.clock.realDelayUntil(first.at), 60_000);
    this.timer = setTimeout(() => this.runDue(), Math.ceil(delay));
    this.timer.unref();
  }

  private push(item: Pending): void {
    const h = this.heap;
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop();
    if (!last || h.length === 0) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && before(h[l]!, h[m]!)) m = l;
      if (r < h.length && before(h[r]!, h[m]!)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}

const before = (a: Pending, b: Pending) => a.at < b.at || (a.at === b.at && a.seq < b.seq);
