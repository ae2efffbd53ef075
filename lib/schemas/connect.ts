import { z } from "zod";
import { ticketRef } from "./audit-fields";
import { MAX_EXPIRY_HOURS } from "@/lib/connect/expiry";
import { apiErrorBody } from "./api-error";

/**
 * POST /api/accounts/{account}/pools/{poolId}/nodes/{nodeId}/users — a same-origin JSON POST, operator only.
 * Linux (virtual-machine) nodes take an SSH public key; Windows and cloud-service nodes get a generated
 * password, returned once in the response and never stored or logged.
 */
export const connectRequest = z.object({
  sshPublicKey: z.string().max(16_384).optional(),
  expiryHours: z.coerce
    .number()
    .int("must be whole hours")
    .min(1, "must be at least 1 hour")
    .max(MAX_EXPIRY_HOURS, `must be at most ${MAX_EXPIRY_HOURS} hours`)
    .default(1),
  reason: z.string().trim().max(1000).optional(),
  ticket: ticketRef.optional(),
});
export type ConnectRequest = z.infer<typeof connectRequest>;

/**
 * How to reach the node: ssh on Linux VM nodes; Remote Desktop to the remote login address and port on
 * Windows VM nodes (Batch has no RDP file for them); the RDP file from our route on cloud-service nodes.
 */
export const connection = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("ssh"), address: z.string(), port: z.number(), command: z.string() }),
  z.object({ kind: z.literal("remoteDesktop"), address: z.string(), port: z.number(), command: z.string() }),
  z.object({ kind: z.literal("rdp"), rdpUrl: z.string() }),
  /** The user exists, but Batch's address for it could not be read: the rest (a password) must still reach the operator. */
  z.object({ kind: z.literal("unavailable"), error: apiErrorBody.shape.error }),
]);

export const connectResponse = z.object({
  userName: z.string(),
  expiryTime: z.string(),
  recordId: z.string(),
  requestId: z.string().optional(),
  connection,
  /** Only for password users; shown once. */
  password: z.string().optional(),
});
export type ConnectResponse = z.infer<typeof connectResponse>;

/** Batch cannot list a node's users, so the list comes from our own audit records of who was added. */
export const nodeUser = z.object({
  userName: z.string(),
  expiryTime: z.string(),
  expired: z.boolean(),
  createdBy: z.string(),
  createdAt: z.string(),
  recordId: z.string(),
  /** Removed through the dashboard (a later deleteUser record that Batch accepted). */
  removed: z.boolean(),
});
export const nodeUsersResponse = z.object({ asOf: z.string(), users: z.array(nodeUser) });
export type NodeUsersResponse = z.infer<typeof nodeUsersResponse>;

/** DELETE …/users/{userName}: a same-origin JSON body (may be empty), operator only. */
export const removeUserRequest = connectRequest.pick({ reason: true, ticket: true });
export type RemoveUserRequest = z.infer<typeof removeUserRequest>;

export const removeUserResponse = z.object({
  userName: z.string(),
  outcome: z.enum(["removed", "alreadyGone", "failed"]),
  recordId: z.string(),
  requestId: z.string().optional(),
  error: apiErrorBody.shape.error.optional(),
});
export type RemoveUserResponse = z.infer<typeof removeUserResponse>;
