import { randomUUID } from "node:crypto";
import { BatchServiceClient, BatchSharedKeyCredentials, type BatchServiceModels } from "@azure/batch";
import { expect } from "vitest";
import { actionResponse, type ActionRequest, type ActionResponse } from "@/lib/schemas/remediation";
import { LINUX_VM, waitFor } from "../emulator/harness";
import { handlers } from "./route-table";
import { call, type RouteResult, type RouteTestEnv } from "./support";

export { LINUX_VM, waitFor };

/** The headers the dashboard's own page sends with an action (call() builds requests on http://localhost). */
export const PAGE_HEADERS = { origin: "http://localhost", "sec-fetch-site": "same-origin", "content-type": "application/json" };

/** POSTs an action as the dashboard's page does; `body` fields (any values: tests send bad ones) default to a fresh operation with a reason. */
export function postAction(
  env: RouteTestEnv,
  poolId: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = PAGE_HEADERS,
): Promise<RouteResult> {
  const full = { operationId: randomUUID(), reason: "bad node during the incident", ...body };
  return call(
    handlers.actionsPOST,
    `/api/accounts/${env.account}/pools/${poolId}/actions`,
    { account: env.account, poolId },
    { method: "POST", headers, body: JSON.stringify(full) },
  );
}

/** An accepted-shape 200 answer, parsed. */
export async function actOk(env: RouteTestEnv, poolId: string, body: Partial<ActionRequest> & Record<string, unknown>): Promise<ActionResponse> {
  const r = await postAction(env, poolId, body);
  expect(r.status, r.text.slice(0, 400)).toBe(200);
  return actionResponse.parse(r.json);
}

/** A pool whose nodes are all idle, created through the SDK and grown in simulated time. */
export async function readyPool(env: RouteTestEnv, id: string, nodes: number, extra: Partial<BatchServiceModels.PoolAddParameter> = {}): Promise<string[]> {
  // Only 2022-10-01.16.0 can create a cloud-service pool; once made, it is there for every version to see.
  const creator = extra.cloudServiceConfiguration ? legacyClient(env) : env.sdk;
  await creator.pool.add({ id, vmSize: "STANDARD_D2S_V5", virtualMachineConfiguration: LINUX_VM, targetDedicatedNodes: nodes, ...extra });
  await waitFor(
    env.emu,
    () => env.sdk.pool.get(id),
    (p) => p.allocationState === "steady",
  );
  const list = await waitFor(
    env.emu,
    () => env.sdk.computeNode.list(id),
    (l) => l.length === nodes && l.every((n) => n.state === "idle"),
  );
  return list.map((n) => n.id!).sort();
}

/**
 * A pool with one long task running on each node (one slot per node), so an action's option has tasks
 * to act on and a requeued task finds no free node to run on again. Returns node → its running task.
 */
export async function busyPool(
  env: RouteTestEnv,
  id: string,
  nodes: number,
  extra: Partial<BatchServiceModels.PoolAddParameter> = {},
  commandLine = "/bin/sh -c 'sleep 3600'",
): Promise<{ jobId: string; nodes: string[]; taskOn: Map<string, string> }> {
  const ids = await readyPool(env, id, nodes, extra);
  const jobId = `${id}-job`;
  await env.sdk.job.add({ id: jobId, poolInfo: { poolId: id } });
  await env.sdk.task.addCollection(
    jobId,
    Array.from({ length: nodes }, (_, i) => ({ id: `long-${i}`, commandLine })),
  );
  const running = await waitFor(
    env.emu,
    () => env.sdk.task.list(jobId),
    (l) => l.length === nodes && l.every((t) => t.state === "running"),
    { stepMs: 1_000 },
  );
  return { jobId, nodes: ids, taskOn: new Map(running.map((t) => [t.nodeInfo!.nodeId!, t.id!])) };
}

/** The SDK as shipped, speaking 2022-10-01.16.0 whatever BATCH_API_VERSION says: for setting up legacy pools. */
export function legacyClient(env: RouteTestEnv): BatchServiceClient {
  return new BatchServiceClient(new BatchSharedKeyCredentials(env.emu.account, env.emu.key), env.emu.url, { noRetryPolicy: true });
}

/**
 * A cloud-service pool of one idle node, its id returned. Only 2022-10-01.16.0 creates cloud-service
 * pools; every version then sees the pool.
 */
export async function readyCloudServicePool(env: RouteTestEnv, id: string): Promise<string> {
  await legacyClient(env).pool.add({ id, vmSize: "standard_d2_v2", cloudServiceConfiguration: { osFamily: "6" }, targetDedicatedNodes: 1 });
  const [node] = await waitFor(
    env.emu,
    () => env.sdk.computeNode.list(id),
    (l) => l.length === 1 && l[0]!.state === "idle",
  );
  return node!.id!;
}

/** A cloud-service pool (Windows, cmd) and a command that keeps its node busy for an hour. */
export const CLOUD_SERVICE = { virtualMachineConfiguration: undefined, cloudServiceConfiguration: { osFamily: "6" } } as const;
export const WINDOWS_LONG = "cmd /c timeout /t 3600";

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Batch calls the emulator received for one route, e.g. "POST /pools/p/nodes/n/reboot". */
export async function calls(env: RouteTestEnv, prefix: string): Promise<number> {
  const { byRoute } = await env.stats();
  return Object.entries(byRoute)
    .filter(([route]) => route.startsWith(prefix))
    .reduce((sum, [, n]) => sum + n, 0);
}
