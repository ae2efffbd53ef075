import "server-only";
import { readEnv } from "@/lib/env";
import { AuditLogError } from "./log";
import { auditLog } from "./open";

/** A store that has not answered in this long is down, for health and for refusing actions. */
export const PING_TIMEOUT_MS = 2_000;

/**
 * Whether the store answers: opens it (creating and migrating it on first use) and reads from it. Throws
 * AuditLogError naming the store when it cannot, or when PostgreSQL does not answer within PING_TIMEOUT_MS;
 * health reports it and actions refuse on it.
 */
export async function pingStore(timeoutMs = PING_TIMEOUT_MS): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const url = readEnv().BATCHSCOPE_DATABASE_URL;
      reject(new AuditLogError(`The store did not answer within ${timeoutMs / 1000} s${url ? " (BATCHSCOPE_DATABASE_URL)" : ""}.`));
    }, timeoutMs);
  });
  try {
    // An account no one has (names are never empty): a read through the whole path, with no rows to return.
    await Promise.race([auditLog().list("", { limit: 1 }), late]);
  } finally {
    clearTimeout(timer);
  }
}
