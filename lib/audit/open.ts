import "server-only";
import { readEnv } from "@/lib/env";
import { AuditLogError, type AuditLog } from "./log";
import { closePostgresStore, postgresStore } from "./pg";
import { PgAuditLog } from "./pg-log";
import { SqliteAuditLog } from "./sqlite-log";

export { AuditLogError };

const state = globalThis as typeof globalThis & { __batchscopeAudit?: { key: unknown; log: AuditLog } };

/**
 * The process's audit log: in PostgreSQL when BATCHSCOPE_DATABASE_URL is set (several replicas on one
 * database), else in the SQLite file BATCHSCOPE_AUDIT_DB, opened (and created, with its folder) on first
 * use. Opened again only when the variables change, as they do between tests; kept on globalThis so hot
 * reload does not open a second connection.
 */
export function auditLog(): AuditLog {
  const env = readEnv();
  if (env.BATCHSCOPE_DATABASE_URL) {
    const pg = postgresStore(env.BATCHSCOPE_DATABASE_URL);
    if (state.__batchscopeAudit?.key !== pg) state.__batchscopeAudit = { key: pg, log: new PgAuditLog(pg) };
    return state.__batchscopeAudit.log;
  }
  const path = env.BATCHSCOPE_AUDIT_DB;
  if (state.__batchscopeAudit?.key !== path) {
    void state.__batchscopeAudit?.log.close();
    state.__batchscopeAudit = undefined;
    try {
      state.__batchscopeAudit = { key: path, log: new SqliteAuditLog(path) };
    } catch (err) {
      throw new AuditLogError(`The audit log BATCHSCOPE_AUDIT_DB=${path} cannot be opened: ${(err as Error).message}`);
    }
  }
  return state.__batchscopeAudit.log;
}

/** Where the store is, for start-up messages and health: the file, or the database without its password. */
export function storeDescription(): string {
  const env = readEnv();
  return env.BATCHSCOPE_DATABASE_URL ? `PostgreSQL ${postgresStore(env.BATCHSCOPE_DATABASE_URL).where}` : `SQLite ${env.BATCHSCOPE_AUDIT_DB}`;
}

/** Closes every store this process opened (graceful shutdown): the SQLite connections, or the PostgreSQL pool. Returns how many were open. */
export async function closeStores(): Promise<number> {
  const g = globalThis as typeof globalThis & {
    __batchscopeSnapshots?: { store: { close(): Promise<void> } };
    __batchscopeCache?: { cache: { close(): Promise<void> } };
  };
  const open = [state.__batchscopeAudit?.log, g.__batchscopeSnapshots?.store, g.__batchscopeCache?.cache].filter((s) => s !== undefined);
  state.__batchscopeAudit = undefined;
  g.__batchscopeSnapshots = undefined;
  g.__batchscopeCache = undefined;
  await Promise.all(open.map((s) => s.close()));
  await closePostgresStore();
  return open.length;
}

// server.ts stops the process outside the route bundles and cannot import this module
// (lib/server/startup/shutdown.ts): it finds closeStores here. The other store modules import this one
// for this line, so whichever store a process opened, the way to close it is there.
(globalThis as { __batchscopeCloseStores?: () => Promise<number> }).__batchscopeCloseStores = closeStores;
