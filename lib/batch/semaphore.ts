/** What a waiter listens to: the DOM's AbortSignal and ms-rest-js's AbortSignalLike both fit. */
interface AbortSignalish {
  readonly aborted: boolean;
  addEventListener(type: "abort", listener: () => void): void;
  removeEventListener(type: "abort", listener: () => void): void;
}

/**
 * At most `limit` tasks at once; the rest wait in order, an urgent waiter ahead of every other, and a waiter
 * whose signal aborts leaves the queue.
 */
export class Semaphore {
  private active = 0;
  private readonly urgent: (() => void)[] = [];
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!(limit >= 1)) throw new Error("a semaphore needs at least one slot");
  }

  get inUse(): number {
    return this.active;
  }

  get queued(): number {
    return this.urgent.length + this.waiting.length;
  }

  async run<T>(task: () => Promise<T>, signal?: AbortSignalish, urgent = false): Promise<T> {
    if (signal?.aborted) throw new Error("aborted before a slot was free");
    if (this.active >= this.limit) await this.slotFreed(signal, urgent ? this.urgent : this.waiting);
    else this.active++;
    try {
      return await task();
    } finally {
      const next = this.urgent.shift() ?? this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }

  /** Resolves when a finishing task hands its slot over (the count stays); rejects if the signal aborts first. */
  private slotFreed(signal: AbortSignalish | undefined, queue: (() => void)[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const handOver = () => {
        signal?.removeEventListener("abort", leave);
        resolve();
      };
      const leave = () => {
        const at = queue.indexOf(handOver);
        if (at !== -1) queue.splice(at, 1);
        reject(new Error("aborted while waiting for a slot"));
      };
      queue.push(handOver);
      signal?.addEventListener("abort", leave);
    });
  }
}
