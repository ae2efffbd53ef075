import "server-only";
import type { WindowQuery } from "@/lib/schemas/inputs";
import { resolveWindow, type TimeWindow } from "@/lib/heatmap/window";
import type { AccountClient } from "./client";

/**
 * A time window against the Batch service's clock, never this machine's (docs/architecture.md "Names"). That clock is learnt from the Date header of the
 * account's answers, so until the account has answered once it is this machine's clock: a relative window
 * first makes one cheap call, or the first view after a restart on a skewed server would show the wrong
 * hour. An error answer carries the Date header too (the request policy reads it), so failures are
 * ignored here; the read that follows reports them.
 */
export async function serviceWindow(w: WindowQuery, c: AccountClient): Promise<TimeWindow> {
  if ((w.from === undefined || w.to === undefined) && !c.clock.isKnown) {
    await c.client.pool.list({ poolListOptions: { select: "id", maxResults: 1 } }).catch(() => undefined);
  }
  return resolveWindow(w, c.clock.now());
}

/** A query's window against the service clock, or undefined when it names none. */
export async function resolveQueryWindow(q: WindowQuery, c: AccountClient): Promise<TimeWindow | undefined> {
  if (q.from === undefined && q.window === undefined) return undefined;
  return serviceWindow(q, c);
}
