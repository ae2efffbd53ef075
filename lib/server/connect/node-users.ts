import "server-only";
import type { AuditIntent } from "@/lib/audit/log";
import { auditLog } from "@/lib/audit/open";
import type { BatchAccount } from "@/lib/batch/accounts";
import { accountClient } from "@/lib/batch/client";
import { toApiError } from "@/lib/batch/errors";
import { BadRequestError } from "@/lib/errors/api-error";
import { remoteDesktopCommand, sshCommand } from "@/lib/connect/connect-command";
import { generatePassword, generateUserName } from "@/lib/connect/credentials";
import { expiryTime } from "@/lib/connect/expiry";
import { nodeAccess, nodeUsersFromAudit } from "@/lib/connect/node-access";
import { checkSshPublicKey } from "@/lib/connect/ssh-key";
import { api } from "@/lib/links/paths";
import { isModernApi } from "@/lib/schemas/api-version";
import type { AuditRecord } from "@/lib/schemas/audit";
import type { ConnectRequest, ConnectResponse, NodeUsersResponse, RemoveUserRequest, RemoveUserResponse } from "@/lib/schemas/connect";
import { recordAccepted, recordCall, recordFailure, recordNotSent } from "../audit/record";
import { nodeAccessIntent, type NodeRef } from "./node-intent";
import { noRdpFileOn2025, poolConfigSelect } from "./rdp";

/**
 * Temporary users on a node, for signing in when logs are not enough. The key or password goes to Batch
 * and, for a password, back to the operator once: never into the audit log, a log line or an error.
 */

/** One audit record's intent for a node user: who, which node, the user and its expiry, never a secret. */
function userIntent(
  input: NodeRef & { request: { reason?: string; ticket?: string } },
  action: "addUser" | "deleteUser",
  userName: string,
  expiry: string | undefined,
): AuditIntent {
  return { ...nodeAccessIntent(input, action, input.request), userName, ...(expiry ? { expiryTime: expiry } : {}) };
}

/**
 * Creates a user with a generated name that expires `expiryHours` after the Batch service's own time, then
 * reads how to reach the node. Not an administrator: a temporary sign-in to look around needs no root, and
 * a leaked key then cannot change the node. Linux VM nodes take the checked SSH key; Windows VM and
 * cloud-service nodes a generated password. One audit record: the intent before addUser, its outcome after.
 */
export async function createNodeUser(input: NodeRef & { request: ConnectRequest }): Promise<ConnectResponse> {
  const { account, poolId, nodeId, request } = input;
  const given = request.sshPublicKey?.trim() ? checkSshPublicKey(request.sshPublicKey) : undefined;
  if (given && !given.ok) throw new BadRequestError(`sshPublicKey: ${given.problem}`);
  const { client, clock } = accountClient(account);
  const pool = await client.pool.get(poolId, { poolGetOptions: { select: poolConfigSelect(account.apiVersion) } });
  const access = nodeAccess(pool);
  if (access.os === "linux" && !given) {
    const missing = checkSshPublicKey("");
    throw new BadRequestError(`sshPublicKey: ${missing.ok ? "required" : missing.problem}`);
  }
  if (access.os === "windows" && given)
    throw new BadRequestError("sshPublicKey: this node runs Windows, which signs in with a generated password, not an SSH key.");

  // The pool read just set the service clock from Batch's Date header.
  const expiry = expiryTime(clock.now(), request.expiryHours);
  const userName = generateUserName();
  const password = access.os === "windows" ? generatePassword() : undefined;
  const { recordId, requestId } = await recordCall(
    userIntent(input, "addUser", userName, expiry.toISOString()),
    async () => {
      const res = await client.computeNode.addUser(poolId, nodeId, {
        name: userName,
        isAdmin: false,
        expiryTime: expiry,
        ...(password !== undefined ? { password } : given?.ok ? { sshPublicKey: given.key } : {}),
      });
      return { ...(res.requestId ? { requestId: res.requestId } : {}) };
    },
    toApiError,
  );

  let connection: ConnectResponse["connection"];
  if (access.configuration === "cloudService") {
    connection = isModernApi(account.apiVersion)
      ? { kind: "unavailable", error: noRdpFileOn2025(poolId, "cloudService") }
      : { kind: "rdp", rdpUrl: api.nodeRdp(account.name, poolId, nodeId) };
  } else {
    try {
      const login = await client.computeNode.getRemoteLoginSettings(poolId, nodeId);
      const address = login.remoteLoginIPAddress;
      const port = login.remoteLoginPort;
      connection =
        access.os === "linux"
          ? { kind: "ssh", address, port, command: sshCommand(userName, address, port) }
          : { kind: "remoteDesktop", address, port, command: remoteDesktopCommand(address, port) };
    } catch (err) {
      // The user exists now: failing the whole request would lose a one-time password and the record id.
      connection = { kind: "unavailable", error: toApiError(err) };
    }
  }
  return {
    userName,
    expiryTime: expiry.toISOString(),
    recordId,
    ...(requestId ? { requestId } : {}),
    connection,
    ...(password !== undefined ? { password } : {}),
  };
}

async function userRecords(account: BatchAccount, poolId: string, nodeId: string): Promise<AuditRecord[]> {
  const log = auditLog();
  // Users live 24 hours at most, so the newest 500 of each kind on one node is every one that matters.
  const of = async (action: "addUser" | "deleteUser") => (await log.list(account.name, { pool: poolId, node: nodeId, action, limit: 500 })).records;
  return [...(await of("addUser")), ...(await of("deleteUser"))];
}

/** The users the dashboard added to the node, judged expired by the service's clock. */
export async function listNodeUsers(account: BatchAccount, poolId: string, nodeId: string): Promise<NodeUsersResponse> {
  const { client, clock } = accountClient(account);
  // Reading the node says it still exists (a removed node took its users with it) and sets the service clock.
  await client.computeNode.get(poolId, nodeId, { computeNodeGetOptions: { select: "id" } });
  const now = clock.now();
  return { asOf: new Date(now).toISOString(), users: nodeUsersFromAudit(await userRecords(account, poolId, nodeId), now) };
}

/**
 * Deletes a user, recorded like its creation. A user Batch no longer has (deleted by hand, or the node was
 * reimaged) is "alreadyGone", not a failure: what the operator wanted is true. Other refusals are thrown
 * after their outcome is recorded, and reach the browser as the error envelope.
 */
export async function removeNodeUser(input: NodeRef & { userName: string; request: RemoveUserRequest }): Promise<RemoveUserResponse> {
  const { account, poolId, nodeId, userName } = input;
  const { client } = accountClient(account);
  const log = auditLog();
  const added = (await userRecords(account, poolId, nodeId)).find((r) => r.action === "addUser" && r.userName === userName);
  const recordId = await log.appendIntent(userIntent(input, "deleteUser", userName, added?.expiryTime));
  let res;
  try {
    res = await client.computeNode.deleteUser(poolId, nodeId, userName);
  } catch (err) {
    const error = toApiError(err);
    const requestId = error.requestId ? { requestId: error.requestId } : {};
    if (error.status === 404 && error.code === "NodeUserNotFound") {
      await recordNotSent(log, recordId, "alreadyDone", error);
      return { userName, outcome: "alreadyGone", recordId, ...requestId, error };
    }
    // Refused: "failed"; no answer: "unknown", as for every audited call (lib/server/audit/record.ts).
    await recordFailure(log, recordId, error);
    throw err;
  }
  await recordAccepted(log, recordId, res.requestId);
  return { userName, outcome: "removed", recordId, ...(res.requestId ? { requestId: res.requestId } : {}) };
}
