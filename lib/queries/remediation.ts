import { queryOptions } from "@tanstack/react-query";
import { api, withQuery } from "@/lib/links/paths";
import { auditListResponse, auditRecordResponse } from "@/lib/schemas/audit";
import { meResponse } from "@/lib/schemas/identity";
import { actionResponse, previewResponse, type ActionRequest, type ActionResponse } from "@/lib/schemas/remediation";
import { apiFetch } from "./api-fetch";
import { accountKeys, auditKeys, poolKeys } from "./keys";

/** The audit log's filters, as the list route takes them; empty values are left out of the key and the URL. */
export interface AuditFilters {
  node?: string | null;
  pool?: string | null;
  actor?: string | null;
  action?: string | null;
  from?: string | null;
  to?: string | null;
  cursor?: string | null;
}

const clean = (f: AuditFilters): Record<string, string> =>
  Object.fromEntries(Object.entries(f).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));

/**
 * Who may act, what an action would do, and what was done: the reads of remediation. Keys sit under the
 * account like every other read, so an action can invalidate the nodes and the audit log it changed.
 */
export const remediationQueries = {
  /** The identity changes only with a new sign-in: no polling. */
  me: (account: string) =>
    queryOptions({
      queryKey: accountKeys.me(account),
      queryFn: ({ signal }) => apiFetch(api.me(account), meResponse, { signal }),
      staleTime: 5 * 60_000,
      refetchInterval: false,
    }),
  /** Availability and running tasks of the selected nodes; refreshed on the page's interval, and afresh when a dialog opens. */
  preview: (account: string, poolId: string, nodeIds: readonly string[]) =>
    queryOptions({
      queryKey: poolKeys.actionPreview(account, poolId, nodeIds),
      queryFn: ({ signal }) => apiFetch(withQuery(api.poolActionPreview(account, poolId), { nodes: nodeIds.join(",") }), previewResponse, { signal }),
      enabled: nodeIds.length > 0,
    }),
  auditList: (account: string, filters: AuditFilters) =>
    queryOptions({
      queryKey: auditKeys.list(account, clean(filters)),
      queryFn: ({ signal }) => apiFetch(withQuery(api.audit(account), clean(filters)), auditListResponse, { signal }),
    }),
  /** A record never changes once its outcome is in; one without an outcome is still worth re-reading. */
  auditRecord: (account: string, recordId: string) =>
    queryOptions({
      queryKey: auditKeys.record(account, recordId),
      queryFn: ({ signal }) => apiFetch(api.auditRecord(account, recordId), auditRecordResponse, { signal }),
    }),
};

/**
 * Sends one action as a same-origin JSON POST. The caller keeps `operationId` for the life of the dialog, so
 * a retry after a network failure is recognised by the server as the same operation and never sent twice.
 */
export function sendAction(account: string, poolId: string, request: ActionRequest): Promise<ActionResponse> {
  return apiFetch(api.poolActions(account, poolId), actionResponse, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(request),
  });
}
