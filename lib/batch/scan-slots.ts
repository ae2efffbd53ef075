import { TooManyRequestsError } from "@/lib/errors/api-error";

/** Whole-file scans one user may run at once: two tabs searching, not a script looping over every log. */
export const SCANS_PER_USER = 2;
/** Whole-file scans the server runs at once, over all users: each holds a 4 MiB range and one of the account's request slots. */
export const SCANS_PER_SERVER = 4;
/** What a refused scan is told: a search of a large log takes seconds, so a few seconds later a slot is likely free. */
export const SCAN_RETRY_AFTER_SECONDS = 5;

/**
 * Counts the whole-file scans in flight (a server-side search, a download through the server), per user
 * and in all, and refuses one past either limit at once with a 429 rather than queueing it: a queued scan
 * would hold the browser's connection for minutes, and the user can see why and try again.
 */
export class ScanSlots {
  private total = 0;
  private readonly byActor = new Map<string, number>();

  constructor(
    readonly perActor = SCANS_PER_USER,
    readonly perServer = SCANS_PER_SERVER,
  ) {}

  /** Takes a slot for `actor`, or throws the 429; the returned release may be called any number of times. */
  acquire(actor: string): () => void {
    const mine = this.byActor.get(actor) ?? 0;
    if (mine >= this.perActor)
      throw new TooManyRequestsError(
        "TooManyScans",
        `You already have ${mine} searches or downloads running (at most ${this.perActor} at once): wait for one to finish, or stop it, and try again.`,
        SCAN_RETRY_AFTER_SECONDS,
      );
    if (this.total >= this.perServer)
      throw new TooManyRequestsError(
        "ServerBusyScanning",
        `The server is already running ${this.total} searches or downloads for its users (at most ${this.perServer} at once): try again in a few seconds.`,
        SCAN_RETRY_AFTER_SECONDS,
      );
    this.total++;
    this.byActor.set(actor, mine + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const left = (this.byActor.get(actor) ?? 1) - 1;
      if (left > 0) this.byActor.set(actor, left);
      else this.byActor.delete(actor);
    };
  }

  get inUse(): number {
    return this.total;
  }
}

// On globalThis: pages and API routes are separate server bundles of one process (docs/architecture.md),
// and the server's limit is one limit.
const shared = globalThis as typeof globalThis & { __batchscopeScanSlots?: ScanSlots };
export const wholeFileScans = (shared.__batchscopeScanSlots ??= new ScanSlots());
