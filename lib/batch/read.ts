import "server-only";
import type { BatchAccount } from "./accounts";
import { accountClient, type AccountClient } from "./client";
import type { ReadKey } from "./read-keys";

/** How long a read is shared between viewers: well under the browser's 15 s refresh. */
export const READ_TTL_MS = 5_000;

/**
 * A cached, coalesced read: identical reads of one account in flight or within the TTL share one set of
 * Batch calls. `asOf` is the service's time of the read, not the dashboard's.
 */
export function cachedRead<T>(account: BatchAccount, key: ReadKey, load: (c: AccountClient) => Promise<T>, ttlMs = READ_TTL_MS): Promise<T & { asOf: string }> {
  const c = accountClient(account);
  return c.cache.get(`${account.name}|${key}`, ttlMs, async () => {
    const value = await load(c);
    return { ...value, asOf: new Date(c.clock.now()).toISOString() };
  });
}

/** Whether the read under this key is kept or in flight, so asking for it starts nothing. */
export function readState(account: BatchAccount, key: ReadKey): "kept" | "loading" | undefined {
  return accountClient(account).cache.state(`${account.name}|${key}`);
}

/** After an action, the reads it changed (each key also a prefix: poolKeys.nodeDetails covers every node) come from Batch again. */
export function invalidateReads(account: BatchAccount, keys: readonly ReadKey[]): void {
  const { cache } = accountClient(account);
  for (const key of keys) cache.invalidate(`${account.name}|${key}`);
}
