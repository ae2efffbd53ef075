/**
 * Failure signatures for the ticket, from the same signatures read as the page's panel
 * (components/ui/use-ticket-signatures.ts). The ticket reads only part of the answer, stated as its input type.
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
