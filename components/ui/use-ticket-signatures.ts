"use client";

import { useQuery } from "@tanstack/react-query";
import { ticketSignatures } from "@/lib/links/ticket-signatures";
import { batchQueries } from "@/lib/queries/batch";

/**
 * The ticket's signatures: the page's own signatures query (same key, so no second read), or none until it
 * has answered; the ticket then simply has no signatures section.
 */
export function useTicketSignatures(account: string, scope: { pool: string } | { job: string }, window: Record<string, string>) {
  return ticketSignatures(useQuery(batchQueries.signatures(account, scope, window)).data);
}
