/**
 * Failure signatures for the ticket. The signatures read (`GET …/pools/{p}/signatures`, `…/jobs/{j}/signatures`,
 * query `batchQueries.signatures`) is built beside this module; until it is wired here the ticket simply has no
 * signatures section. The answer's shape is restated as the input type, so this module compiles on its own.
 */
import type { TicketSignature } from "./ticket-sections";

/** The part of the signatures answer the ticket reads (lib/schemas/signatures.ts holds the full schema). */
export interface SignaturesForTicket {
  signatures: { category: string; code?: string; exitCode?: number; line: string; count: number; nodes: string[]; newest: boolean }[];
}

/** The top signatures, most frequent first, as ticket lines. */
export function ticketSignatures(r: SignaturesForTicket | undefined, max = 5): TicketSignature[] | undefined {
  if (!r || r.signatures.length === 0) return undefined;
  return [...r.signatures]
    .sort((a, b) => b.count - a.count)
    .slice(0, max)
    .map((s) => ({
      category: s.category,
      ...(s.code !== undefined ? { code: s.code } : {}),
      ...(s.exitCode !== undefined ? { exitCode: s.exitCode } : {}),
      line: s.line,
      count: s.count,
      nodes: s.nodes,
      newest: s.newest,
    }));
}

/**
 * MERGE POINT (the one place the signatures read connects to the ticket): return the signatures query's data,
 * e.g. `return useQuery(batchQueries.signatures(account, scope, window)).data;` with `useQuery` from
 * @tanstack/react-query and `batchQueries` from lib/queries/batch. Until then the ticket has no signatures.
 */
export function useTicketSignatures(
  account: string,
  scope: { pool: string } | { job: string },
  window: Record<string, string>,
): SignaturesForTicket | undefined {
  void account;
  void scope;
  void window;
  return undefined;
}
