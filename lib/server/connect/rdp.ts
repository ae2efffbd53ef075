import "server-only";
import type { BatchAccount } from "@/lib/batch/accounts";
import { accountClient } from "@/lib/batch/client";
import { toApiError } from "@/lib/batch/errors";
import { nodeAccess } from "@/lib/connect/node-access";
import { ApiError } from "@/lib/errors/api-error";
import type { ApiErrorInfo } from "@/lib/schemas/api-error";
import { isModernApi, type ApiVersion } from "@/lib/schemas/api-version";
import type { Identity } from "@/lib/schemas/identity";
import { recordCall } from "../audit/record";
import { nodeAccessIntent } from "./node-intent";

/** 2025-06-01 has no cloudServiceConfiguration to $select; a pool without the VM one is a cloud-service pool. */
export const poolConfigSelect = (v: ApiVersion) =>
  isModernApi(v) ? "id,virtualMachineConfiguration" : "id,cloudServiceConfiguration,virtualMachineConfiguration";

/**
 * Why there is no RDP file on API 2025-06-01 (docs/real-service.md "API versions"): the operation is gone,
 * and building one from remote login settings does not help the only pools it was for, since Batch gives
 * those settings for virtual-machine pools only; a VM pool's Connect panel already gives address and port.
 */
export function noRdpFileOn2025(poolId: string, configuration: "virtualMachine" | "cloudService"): ApiErrorInfo {
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

/**
 * The node's RDP file, for cloud-service pools on API 2022-10-01.16.0 only. The pool is read first: Batch's
 * 409 for a VM pool comes on a streamed read, whose error body the SDK drops (no code, no message), so the
 * refusal is put in plain words from what the pool is, keeping Batch's status and request id.
 *
 * The file lets its holder sign in to the node, so the call is audited like a node user's creation
 * (lib/server/audit/record.ts): who asked for which node, before the call, and what Batch answered.
 */
export async function nodeRdpFile(account: BatchAccount, poolId: string, nodeId: string, who: Identity): Promise<Response> {
  const { client } = accountClient(account);
  const access = nodeAccess(await client.pool.get(poolId, { poolGetOptions: { select: poolConfigSelect(account.apiVersion) } }));
  if (isModernApi(account.apiVersion)) throw new ApiError(noRdpFileOn2025(poolId, access.configuration), 409);
  let stream: NodeJS.ReadableStream | undefined;
  try {
    const intent = nodeAccessIntent({ account, poolId, nodeId, who }, "downloadRdp");
    await recordCall(
      intent,
      async () => {
        const res = await client.computeNode.getRemoteDesktop(poolId, nodeId);
        stream = res.readableStreamBody;
        return res.requestId ? { requestId: res.requestId } : {};
      },
      toApiError,
    );
  } catch (err) {
    const error = toApiError(err);
    if (error.status !== 409 || access.configuration !== "virtualMachine") throw err;
    const how = access.os === "linux" ? "the ssh command" : "the Remote Desktop address and port";
    const message = `Batch makes an RDP file only for nodes of cloud-service pools, and pool ${poolId} is a virtual-machine pool. Use Connect on the node's page instead: it gives ${how}.`;
    throw new ApiError({ ...error, message }, 409);
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
    headers: {
      "Content-Type": "application/x-rdp",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
