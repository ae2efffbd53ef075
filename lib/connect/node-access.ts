import type { AuditRecord } from "@/lib/schemas/audit";
import type { NodeUsersResponse } from "@/lib/schemas/connect";
import { isExpired } from "./expiry";

/** What a pool's nodes take to sign in: an SSH key on Linux VMs, a password on Windows VMs and cloud services. */
export type NodeAccess = { configuration: "virtualMachine"; os: "linux" | "windows" } | { configuration: "cloudService"; os: "windows" };

interface PoolShape {
  cloudServiceConfiguration?: unknown;
  virtualMachineConfiguration?: { nodeAgentSKUId?: string; imageReference?: { publisher?: string; offer?: string; sku?: string } };
}

/**
 * A pool without virtualMachineConfiguration is a legacy cloud-service pool: API 2025-06-01 no longer shows
 * cloudServiceConfiguration (docs/real-service.md "API versions"), and every other pool has the VM one.
 * The caller must have read (or $select-ed) virtualMachineConfiguration.
 */
export function poolConfiguration(pool: PoolShape): "virtualMachine" | "cloudService" {
  return pool.cloudServiceConfiguration || !pool.virtualMachineConfiguration ? "cloudService" : "virtualMachine";
}

/**
 * Cloud-service pools are always Windows. A VM pool's node agent SKU names its OS ("batch.node.windows
 * amd64"); the image is the fallback for a SKU we do not recognise.
 */
export function nodeAccess(pool: PoolShape): NodeAccess {
  if (poolConfiguration(pool) === "cloudService") return { configuration: "cloudService", os: "windows" };
  const vm = pool.virtualMachineConfiguration;
  const image = vm?.imageReference;
  const text = [vm?.nodeAgentSKUId, image?.publisher, image?.offer, image?.sku].filter(Boolean).join(" ").toLowerCase();
  return { configuration: "virtualMachine", os: text.includes("windows") ? "windows" : "linux" };
}

/**
 * Batch cannot list a node's users, so the dashboard's own audit records are the list: each addUser that
 * Batch accepted, removed once a later deleteUser of that name was accepted or found it already gone,
 * and expired by the service's clock. Newest first.
 */
export function nodeUsersFromAudit(records: readonly AuditRecord[], serviceNow: number): NodeUsersResponse["users"] {
  const removedAt = new Map<string, string>();
  for (const r of records) {
    if (r.action !== "deleteUser" || !r.userName || (r.outcome !== "accepted" && r.outcome !== "alreadyDone")) continue;
    const prev = removedAt.get(r.userName);
    if (!prev || r.time > prev) removedAt.set(r.userName, r.time);
  }
  return records
    .filter((r) => r.action === "addUser" && r.outcome === "accepted" && r.userName && r.expiryTime)
    .sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0))
    .map((r) => {
      const removed = removedAt.get(r.userName!);
      return {
        userName: r.userName!,
        expiryTime: r.expiryTime!,
        expired: isExpired(r.expiryTime!, serviceNow),
        createdBy: r.actor,
        createdAt: r.time,
        recordId: r.id,
        removed: removed !== undefined && removed >= r.time,
      };
    });
}

/**
 * What the Connect dialog asks for, from the pool as the pool page shows it (its configuration and image
 * line). The server decides again from the pool itself; a wrong guess here gets its 400 in plain words.
 */
export function credentialFor(pool: { configuration: "virtualMachine" | "cloudService"; image?: string | undefined }): "sshKey" | "password" {
  if (pool.configuration === "cloudService") return "password";
  return (pool.image ?? "").toLowerCase().includes("windows") ? "password" : "sshKey";
}

/**
 * Why Connect cannot work on a pool, if it cannot: API 2025-06-01 has no RDP file and Batch gives remote
 * login settings only for virtual-machine pools (docs/real-service.md "API versions"), so a user made on a
 * legacy cloud-service node could not be reached. Offering it would create a user and an audit record for
 * nothing.
 */
export function connectUnavailable(configuration: "virtualMachine" | "cloudService", apiVersion: string): string | undefined {
  if (configuration === "cloudService" && apiVersion !== "2022-10-01.16.0")
    return `Connect needs an RDP file on cloud-service pools, and Batch API ${apiVersion} has none; with BATCH_API_VERSION=2022-10-01.16.0 it would be offered.`;
  return undefined;
}
