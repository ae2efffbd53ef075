import "server-only";
import { readEnv } from "@/lib/env";
import { AuditLog, AuditLogError } from "./log";

export { AuditLogError };

const state = globalThis as typeof globalThis & { __batchscopeAudit?: AuditLog };

/**
 * The process's audit log, opened (and created, with its folder) on first use. Opened again only when
 * BATCHSCOPE_AUDIT_DB changes, as it does between tests; kept on globalThis so hot reload does not open
 * a second connection.
 */
export function auditLog(): AuditLog {
  const path = readEnv().BATCHSCOPE_AUDIT_DB;
  if (state.__batchscopeAudit?.path !== path) {
    state.__batchscopeAudit?.close();
    state.__batchscopeAudit = undefined;
    try {
      state.__batchscopeAudit = new AuditLog(path);
    } catch (err) {
      throw new AuditLogError(`The audit log BATCHSCOPE_AUDIT_DB=${path} cannot be opened: ${(err as Error).message}`);
    }
  }
  return state.__batchscopeAudit;
}
