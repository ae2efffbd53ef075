import "server-only";
import { randomUUID } from "node:crypto";
import type { AuditIntent } from "@/lib/audit/log";
import type { BatchAccount } from "@/lib/batch/accounts";
import type { Identity } from "@/lib/schemas/identity";

/** A node someone asked for a way onto, and who asked. */
export interface NodeRef {
  account: BatchAccount;
  poolId: string;
  nodeId: string;
  who: Identity;
}

/** The audit intent of one way onto a node (a user, an RDP file): who, which node, why; never a secret. */
export function nodeAccessIntent(
  { account, poolId, nodeId, who }: NodeRef,
  action: "addUser" | "deleteUser" | "downloadRdp",
  request: { reason?: string; ticket?: string } = {},
): AuditIntent {
  return {
    operationId: randomUUID(),
    actor: who.actor,
    role: who.role,
    account: account.name,
    poolId,
    nodeId,
    action,
    reason: request.reason ?? "",
    ...(request.ticket ? { ticket: request.ticket } : {}),
  };
}
