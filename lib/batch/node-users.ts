import "server-only";
import { randomUUID } from "node:crypto";
import type { AuditIntent } from "@/lib/audit/log";
import { auditLog, recordCall } from "@/lib/audit/open";
import { remoteDesktopCommand, sshCommand } from "@/lib/connect/connect-command";
import { generatePassword, generateUserName } from "@/lib/connect/credentials";
import { expiryTime } from "@/lib/connect/expiry";
import { nodeAccess, nodeUsersFromAudit } from "@/lib/connect/node-access";
import { checkSshPublicKey } from "@/lib/connect/ssh-key";
import { api } from "@/lib/links/paths";
import type { ApiErrorBody, ApiErrorInfo } from "@/lib/schemas/api-error";
import { isModernApi, type ApiVersion } from "@/lib/schemas/api-version";
import type { AuditRecordView } from "@/lib/schemas/audit";
import type { ConnectRequest, ConnectResponse, NodeUsersResponse, RemoveUserRequest, RemoveUserResponse } from "@/lib/schemas/connect";
import type { IdentityView } from "@/lib/schemas/identity";
import type { BatchAccount } from "./accounts";
import { accountClient } from "./client";
import { toApiError } from "./errors";

/**
 * Temporary users on a node, for signing in when logs are not enough. The key or password goes to Batch
 * and, for a password, back to the operator once: never into the audit log, a log line or an error.
 */

interface NodeRef {
  account: BatchAccount;
  poolId: string;
  nodeId: string;
  who: IdentityView;
}

/** One audit record's intent for a node user: who, which node, the user and its expiry, never a secret. */
function userIntent(
  input: NodeRef & { request: { reason?: string; ticket?: string } },
  action: "addUser" | "deleteUser",
  userName: string,
  expiry: string | undefined,
): AuditIntent {
  const { account, poolId, nodeId, who, request } = input;
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
    userName,
    ...(expiry ? { expiryTime: expiry } : {}),
  };
}

/** 2025-06-01 has no cloudServiceConfiguration to $select; a pool without the VM one is a cloud-service pool. */
const configSelect = (v: ApiVersion) => (isModernApi(v) ? "id,virtualMachineConfiguration" : "id,cloudServiceConfiguration,virtualMachineConfiguration");

/**
 * Why there is no RDP file on API 2025-06-01 (docs/real-service.md "API versions"): the operation is gone,
 * and building one from remote login settings does not help the only pools it was for, since Batch gives
 * those settings for virtual-machine pools only; a VM pool's Connect panel already gives address and port.
 */
function noRdpFileOn2025(poolId: string, configuration: "virtualMachine" | "cloudService"): ApiErrorInfo {
  return {
    kind: "conflict",
    status: 409,
    code: "RdpFileNotInApiVersion",
    message:
      configuration === "cloudService"
        ? `Batch API 2025-06-01 has no RDP file, and gives remote login settings only for virtual-machine pools, so this node of cloud-service pool ${poolId} cannot be reached from the dashboard on that version (BATCH_API_VERSION=2022-10-01.16.0 still has the RDP file).`
        : `Batch API 2025-06-01 has no RDP file, and pool ${poolId} is a virtual-machine pool: use Connect on the node's page, which gives the Remote Desktop address and port.`,
  };
}

/** An RDP file is a few hundred bytes; anything far larger is not one. */
const MAX_RDP_BYTES = 64 * 1024;

export type CreateResult = { ok: true; response: ConnectResponse } | { ok: false; problem: string };

/**
 * Creates a user with a generated name that expires `expiryHours` after the Batch service's own time, then
 * reads how to reach the node. Not an administrator: a temporary sign-in to look around needs no root, and
 * a leaked key then cannot change the node. Linux VM nodes take the checked SSH key; Windows VM and
 * cloud-service nodes a generated password. One audit record: the intent before addUser, its outcome after.
 */
export async function createNodeUser(input: NodeRef & { request: ConnectRequest }): Promise<CreateResult> {
  const { account, poolId, nodeId, request } = input;
  const given = request.sshPublicKey?.trim() ? checkSshPublicKey(request.sshPublicKey) : undefined;
  if (given && !given.ok) return { ok: false, problem: `sshPublicKey: ${given.problem}` };
  const { client, clock } = accountClient(account);
  const pool = await client.pool.get(poolId, { poolGetOptions: { select: configSelect(account.apiVersion) } });
  const access = nodeAccess(pool);
  if (access.os === "linux" && !given) {
    const missing = checkSshPublicKey("");
    return { ok: false, problem: `sshPublicKey: ${missing.ok ? "required" : missing.problem}` };
  }
  if (access.os === "windows" && given) return { ok: false, problem: "sshPublicKey: this node runs Windows, which signs in with a generated password, not an SSH key." };

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
    ok: true,
    response: { userName, expiryTime: expiry.toISOString(), recordId, ...(requestId ? { requestId } : {}), connection, ...(password !== undefined ? { password } : {}) },
  };
}

function userRecords(account: BatchAccount, poolId: string, nodeId: string): AuditRecordView[] {
  const log = auditLog();
  // Users live 24 hours at most, so the newest 500 of each kind on one node is every one that matters.
  const of = (action: "addUser" | "deleteUser") => log.list(account.name, { pool: poolId, node: nodeId, action, limit: 500 }).records;
  return [...of("addUser"), ...of("deleteUser")];
}

/** The users the dashboard added to the node, judged expired by the service's clock. */
export async function listNodeUsers(account: BatchAccount, poolId: string, nodeId: string): Promise<NodeUsersResponse> {
  const { client, clock } = accountClient(account);
  // Reading the node says it still exists (a removed node took its users with it) and sets the service clock.
  await client.computeNode.get(poolId, nodeId, { computeNodeGetOptions: { select: "id" } });
  const now = clock.now();
  return { asOf: new Date(now).toISOString(), users: nodeUsersFromAudit(userRecords(account, poolId, nodeId), now) };
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
  const added = userRecords(account, poolId, nodeId).find((r) => r.action === "addUser" && r.userName === userName);
  const recordId = log.appendIntent(userIntent(input, "deleteUser", userName, added?.expiryTime));
  try {
    const res = await client.computeNode.deleteUser(poolId, nodeId, userName);
    log.appendOutcome(recordId, { outcome: "accepted", ...(res.requestId ? { requestId: res.requestId } : {}) });
    return { userName, outcome: "removed", recordId, ...(res.requestId ? { requestId: res.requestId } : {}) };
  } catch (err) {
    const error = toApiError(err);
    const requestId = error.requestId ? { requestId: error.requestId } : {};
    if (error.status === 404 && error.code === "NodeUserNotFound") {
      log.appendOutcome(recordId, { outcome: "alreadyDone", ...requestId, error });
      return { userName, outcome: "alreadyGone", recordId, ...requestId, error };
    }
    log.appendOutcome(recordId, { outcome: "failed", ...requestId, error });
    throw err;
  }
}

/**
 * The node's RDP file, for cloud-service pools on API 2022-10-01.16.0 only. The pool is read first: Batch's 409 for a VM pool
 * comes on a streamed read, whose error body the SDK drops (no code, no message), so the refusal is put
 * in plain words from what the pool is, keeping Batch's status and request id.
 */
export async function nodeRdpFile(account: BatchAccount, poolId: string, nodeId: string): Promise<Response> {
  const { client } = accountClient(account);
  const access = nodeAccess(await client.pool.get(poolId, { poolGetOptions: { select: configSelect(account.apiVersion) } }));
  if (isModernApi(account.apiVersion)) return Response.json({ error: noRdpFileOn2025(poolId, access.configuration) } satisfies ApiErrorBody, { status: 409 });
  let stream: NodeJS.ReadableStream | undefined;
  try {
    stream = (await client.computeNode.getRemoteDesktop(poolId, nodeId)).readableStreamBody;
  } catch (err) {
    const error = toApiError(err);
    if (error.status !== 409 || access.configuration !== "virtualMachine") throw err;
    const how = access.os === "linux" ? "the ssh command" : "the Remote Desktop address and port";
    const body: ApiErrorBody = {
      error: {
        ...error,
        message: `Batch makes an RDP file only for nodes of cloud-service pools, and pool ${poolId} is a virtual-machine pool. Use Connect on the node's page instead: it gives ${how}.`,
      },
    };
    return Response.json(body, { status: 409 });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream ?? []) {
    const b = typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
    size += b.length;
    if (size > MAX_RDP_BYTES) throw new Error(`The RDP file Batch sent is larger than ${MAX_RDP_BYTES / 1024} KiB`);
    chunks.push(b);
  }
  const filename = `${nodeId.replace(/[^A-Za-z0-9_.-]/g, "_")}.rdp`;
  return new Response(new Uint8Array(Buffer.concat(chunks)), {
    headers: { "Content-Type": "application/x-rdp", "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-store" },
  });
}
