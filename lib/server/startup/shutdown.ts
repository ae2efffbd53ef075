// Start-up code: read by server.ts outside the React server layer (no "server-only").
import type { Server } from "node:http";

/** How long requests in flight (an action recording its outcome, a search) may take once asked to stop. */
export const DRAIN_MS = 25_000;

/**
 * The stores the route bundles opened. server.ts cannot import them (they are server-only modules of the
 * bundles), so lib/audit/open.ts leaves its `closeStores` on globalThis when it first opens a store
 * (audit log, snapshots, work cache and any PostgreSQL pool). None opened: nothing to close. Returns how
 * many it closed.
 */
export async function closeStores(): Promise<number> {
  const close = (globalThis as { __batchscopeCloseStores?: () => Promise<number> }).__batchscopeCloseStores;
  try {
    return close ? await close() : 0;
  } catch {
    // Closing failed: the process ends either way, and the store's journal keeps it consistent.
    return 0;
  }
}

/** Requests in flight, counted so that stopping knows when the last one has answered. */
export class InFlight {
  private count = 0;
  private idle: (() => void)[] = [];

  get size(): number {
    return this.count;
  }

  track(res: { once(event: "close", fn: () => void): unknown }): void {
    this.count++;
    res.once("close", () => {
      this.count--;
      if (this.count === 0) for (const resolve of this.idle.splice(0)) resolve();
    });
  }

  drained(): Promise<void> {
    return this.count === 0 ? Promise.resolve() : new Promise((resolve) => this.idle.push(resolve));
  }
}

/**
 * Stopping on SIGTERM or SIGINT: the listening socket closes at once (a new connection is refused), idle
 * keep-alive connections are closed, requests in flight get up to DRAIN_MS to answer (each answered on a
 * connection that then closes), then the stores are closed and the process exits 0.
 */
export function gracefulStop(server: Server, inFlight: InFlight, log: (message: string) => void): (signal: NodeJS.Signals) => void {
  let stopping = false;
  return (signal) => {
    if (stopping) return;
    stopping = true;
    log(`Batchscope: ${signal} received, stopping: ${inFlight.size} request(s) in flight`);
    server.close();
    server.closeIdleConnections();
    const drained = Promise.race([inFlight.drained().then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), DRAIN_MS).unref())]);
    void drained.then(async (all) => {
      if (!all) log(`Batchscope: ${inFlight.size} request(s) still running after ${DRAIN_MS / 1000} s, closing them`);
      server.closeAllConnections();
      const closed = await closeStores();
      log(`Batchscope: stopped (stores closed: ${closed})`);
      process.exit(0);
    });
  };
}
