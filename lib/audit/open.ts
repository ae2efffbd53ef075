import "server-only";
import { resolve } from "node:path";
import type { ApiErrorInfo } from "@/lib/schemas/api-error";
import { AuditLog, type AuditIntent } from "./log";

/** Where the audit file lives unless BATCHSCOPE_AUDIT_DB says otherwise; data/ is gitignored. */
export const DEFAULT_AUDIT_DB = "./data/audit.sqlite";

const state = globalThis as typeof globalThis & { __batchscopeAudit?: AuditLog };

/**
 * The process's audit log, opened (and created, with its folder) on first use. Opened again only when
 * BATCHSCOPE_AUDIT_DB changes, as it does between tests; kept on globalThis so hot reload does not open
 * a second connection.
 */
export function auditLog(): AuditLog {
  const path = resolve(process.env.BATCHSCOPE_AUDIT_DB?.trim() || DEFAULT_AUDIT_DB);
  if (state.__batchscopeAudit?.path !== path) {
    state.__batchscopeAudit?.close();
    state.__batchscopeAudit = new AuditLog(path);
  }
  return state.__batchscopeAudit;
}

/**
 * Records one Batch call: the intent before it, the outcome after. For issue 7's addUser/deleteUser and
 * anything else that acts on Batch. `call` returns Batch's request id; a thrown error is recorded as a
 * failure (its ApiErrorInfo from `toError`) and rethrown.
 */
export async function recordCall(intent: AuditIntent, call: () => Promise<{ requestId?: string }>, toError: (err: unknown) => ApiErrorInfo): Promise<{ recordId: string; requestId?: string }> {
  const log = auditLog();
  const recordId = log.appendIntent(intent);
  try {
    const { requestId } = await call();
    log.appendOutcome(recordId, { outcome: "accepted", ...(requestId ? { requestId } : {}) });
    return { recordId, ...(requestId ? { requestId } : {}) };
  } catch (err) {
    const error = toError(err);
    log.appendOutcome(recordId, { outcome: "failed", ...(error.requestId ? { requestId: error.requestId } : {}), error });
    throw err;
  }
}
