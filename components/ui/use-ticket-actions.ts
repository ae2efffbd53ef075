"use client";

import { useQuery } from "@tanstack/react-query";
import { actionText } from "@/components/audit/audit-text";
import { paths } from "@/lib/links/paths";
import { ticketActions } from "@/lib/links/ticket-scope";
import type { TicketAction } from "@/lib/links/ticket-sections";
import { remediationQueries } from "@/lib/queries/remediation";

/**
 * The actions taken on some nodes of a pool, from the audit log, as ticket lines with their records' links.
 * One node: the audit API filters by it; several: the pool's records, kept for those nodes. Undefined until
 * the log has answered (the ticket then has no actions section).
 */
export function useTicketActions(account: string, poolId: string | undefined, nodeIds: readonly string[]): TicketAction[] | undefined {
  const one = nodeIds.length === 1 ? nodeIds[0] : undefined;
  const q = useQuery({
    ...remediationQueries.auditList(account, { pool: poolId ?? null, node: one ?? null }),
    enabled: poolId !== undefined && nodeIds.length > 0,
  });
  if (!q.data) return undefined;
  return ticketActions(q.data.records, nodeIds, actionText, (id) => absolute(paths.auditRecord(account, id)));
}

/** Our own path as the absolute address a ticket needs (the page's origin; only the browser has one). */
export const absolute = (path: string) => (typeof window === "undefined" ? path : new URL(path, window.location.origin).href);
