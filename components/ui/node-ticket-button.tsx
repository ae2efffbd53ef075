"use client";

import { nodeTicket } from "@/lib/display/node-facts";
import { ticketMarkdown } from "@/lib/links/ticket";
import type { NodeDetailResponse } from "@/lib/schemas/nodes";
import { TicketButtons } from "./ticket-buttons";
import { useTicketActions } from "./use-ticket-actions";

/** The node page's "Copy for ticket": the node's facts and the actions taken on it, each with its audit record's link. */
export function NodeTicketButton({ account, node, asOf }: { account: string; node: NodeDetailResponse["node"]; asOf: string }) {
  const actions = useTicketActions(account, node.poolId, [node.id]);
  const text = (snapshot?: string) =>
    ticketMarkdown({ ...nodeTicket(account, node, Date.parse(asOf), location.href), ...(snapshot ? { snapshot } : {}), ...(actions ? { actions } : {}) });
  return <TicketButtons account={account} text={text} />;
}
