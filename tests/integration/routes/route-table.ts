import type { BatchServiceClient } from "@azure/batch";
import { GET as jobFailuresGET } from "@/app/api/accounts/[account]/jobs/[jobId]/failures/route";
import { GET as jobHeatmapCellGET } from "@/app/api/accounts/[account]/jobs/[jobId]/heatmap/cell/route";
import { GET as jobHeatmapGET } from "@/app/api/accounts/[account]/jobs/[jobId]/heatmap/route";
import { GET as jobSignaturesGET } from "@/app/api/accounts/[account]/jobs/[jobId]/signatures/route";
import { GET as jobCompareGET } from "@/app/api/accounts/[account]/jobs/[jobId]/compare/route";
import { GET as searchGET } from "@/app/api/accounts/[account]/search/route";
import { GET as jobGET } from "@/app/api/accounts/[account]/jobs/[jobId]/route";
import { GET as taskFileGET } from "@/app/api/accounts/[account]/jobs/[jobId]/tasks/[taskId]/files/[...path]/route";
import { GET as taskFilesGET } from "@/app/api/accounts/[account]/jobs/[jobId]/tasks/[taskId]/files/route";
import { GET as taskGET } from "@/app/api/accounts/[account]/jobs/[jobId]/tasks/[taskId]/route";
import { GET as tasksGET } from "@/app/api/accounts/[account]/jobs/[jobId]/tasks/route";
import { GET as jobsGET } from "@/app/api/accounts/[account]/jobs/route";
import { GET as jobScheduleJobsGET } from "@/app/api/accounts/[account]/jobschedules/[scheduleId]/jobs/route";
import { GET as jobScheduleGET } from "@/app/api/accounts/[account]/jobschedules/[scheduleId]/route";
import { GET as jobSchedulesGET } from "@/app/api/accounts/[account]/jobschedules/route";
import { GET as poolFailuresGET } from "@/app/api/accounts/[account]/pools/[poolId]/failures/route";
import { GET as poolHeatmapCellGET } from "@/app/api/accounts/[account]/pools/[poolId]/heatmap/cell/route";
import { GET as poolHeatmapProgressGET } from "@/app/api/accounts/[account]/pools/[poolId]/heatmap/progress/route";
import { GET as jobHeatmapProgressGET } from "@/app/api/accounts/[account]/jobs/[jobId]/heatmap/progress/route";
import { GET as poolHeatmapGET } from "@/app/api/accounts/[account]/pools/[poolId]/heatmap/route";
import { GET as poolSignaturesGET } from "@/app/api/accounts/[account]/pools/[poolId]/signatures/route";
import { GET as nodeFileGET } from "@/app/api/accounts/[account]/pools/[poolId]/nodes/[nodeId]/files/[...path]/route";
import { GET as nodeFilesGET } from "@/app/api/accounts/[account]/pools/[poolId]/nodes/[nodeId]/files/route";
import { GET as nodeFailuresGET } from "@/app/api/accounts/[account]/pools/[poolId]/nodes/[nodeId]/failures/route";
import { GET as nodeGET } from "@/app/api/accounts/[account]/pools/[poolId]/nodes/[nodeId]/route";
import { GET as nodesGET } from "@/app/api/accounts/[account]/pools/[poolId]/nodes/route";
import { GET as poolHealthGET } from "@/app/api/accounts/[account]/pools/[poolId]/health/route";
import { GET as poolGET } from "@/app/api/accounts/[account]/pools/[poolId]/route";
import { GET as poolsGET } from "@/app/api/accounts/[account]/pools/route";
import { randomUUID } from "node:crypto";
import { GET as auditRecordGET } from "@/app/api/accounts/[account]/audit/[recordId]/route";
import { GET as auditGET } from "@/app/api/accounts/[account]/audit/route";
import { GET as meGET } from "@/app/api/accounts/[account]/me/route";
import { DELETE as snapshotDELETE, GET as snapshotGET } from "@/app/api/accounts/[account]/snapshots/[snapshotId]/route";
import { GET as snapshotsGET, POST as snapshotsPOST } from "@/app/api/accounts/[account]/snapshots/route";
import { GET as actionPreviewGET } from "@/app/api/accounts/[account]/pools/[poolId]/actions/preview/route";
import { POST as actionsPOST } from "@/app/api/accounts/[account]/pools/[poolId]/actions/route";
import { DELETE as nodeUserDELETE } from "@/app/api/accounts/[account]/pools/[poolId]/nodes/[nodeId]/users/[userName]/route";
import { GET as nodeUsersGET, POST as nodeUsersPOST } from "@/app/api/accounts/[account]/pools/[poolId]/nodes/[nodeId]/users/route";
import { GET as nodeRdpGET } from "@/app/api/accounts/[account]/pools/[poolId]/nodes/[nodeId]/rdp/route";
import { newSshPublicKey } from "@/tests/support/ssh-key";
import type { RouteHandler, RouteParams } from "./support";

/**
 * The action route is a POST: called through this table (whose cases are GETs) it gets what the dashboard's
 * own page sends, a same-origin JSON body disabling scheduling on the node, so faults reach it as they reach
 * the reads. Its pool read comes before any node call, so a failing Batch fails the whole request.
 */
const actionsAsPage =
  (nodeId: string): RouteHandler =>
  (request, context) =>
    actionsPOST(
      new Request(request.url, {
        method: "POST",
        headers: { origin: new URL(request.url).origin, "sec-fetch-site": "same-origin", "content-type": "application/json" },
        body: JSON.stringify({
          operationId: randomUUID(),
          action: "disableScheduling",
          option: "taskcompletion",
          nodeIds: [nodeId],
          reason: "route table case",
        }),
      }),
      context,
    );

/** The connect POST and the user DELETE, called as the node page sends them (same-origin JSON). */
const asPage =
  (handler: RouteHandler, method: "POST" | "DELETE", body: () => unknown): RouteHandler =>
  (request, context) =>
    handler(
      new Request(request.url, {
        method,
        headers: { origin: new URL(request.url).origin, "sec-fetch-site": "same-origin", "content-type": "application/json" },
        body: JSON.stringify(body()),
      }),
      context,
    );
const connectAsPage = asPage(nodeUsersPOST, "POST", () => ({ sshPublicKey: newSshPublicKey(), expiryHours: 1, reason: "route table case" }));
const removeUserAsPage = asPage(nodeUserDELETE, "DELETE", () => ({ reason: "route table case" }));
/** Snapshots, as the save button and the snapshot page send them: a pool view, and a deletion with a reason. */
const snapshotAsPage = (account: string, poolId: string): RouteHandler => asPage(snapshotsPOST, "POST", () => ({ view: `/${account}/pools/${poolId}` }));
const deleteSnapshotAsPage = asPage(snapshotDELETE, "DELETE", () => ({ reason: "route table case" }));

export interface RouteCase {
  name: string;
  handler: RouteHandler;
  url: string;
  params: RouteParams;
}

/** The demo scenario's ids every route can be called with: render-linux's first node, render-frames' failed task. */
export async function demoRouteIds(sdk: BatchServiceClient): Promise<RouteIds> {
  const nodes = await sdk.computeNode.list("render-linux");
  return {
    poolId: "render-linux",
    nodeId: nodes[0]!.id!,
    jobId: "render-frames",
    taskId: "frame-encode-all",
    taskFile: "stdout.txt",
    nodeFile: "startup/stdout.txt",
  };
}

export interface RouteIds {
  poolId: string;
  nodeId: string;
  jobId: string;
  taskId: string;
  /** A file of the task, relative to its directory. */
  taskFile: string;
  /** A file of the node, relative to its root. */
  nodeFile: string;
  /** A job schedule; the demo and incident scenarios' nightly-reindex when not given. */
  scheduleId?: string;
}

/** Every route handler under app/api/accounts/[account]/**, called with valid ids of one account. */
export function everyRoute(account: string, ids: RouteIds, query = ""): RouteCase[] {
  const { poolId, nodeId, jobId, taskId } = ids;
  const scheduleId = ids.scheduleId ?? "nightly-reindex";
  const base = `/api/accounts/${account}`;
  const q = query ? `?${query}` : "";
  // A heatmap cell needs its node and time span; any valid ones will do for the cases built here.
  const cell = `?nodeId=${nodeId}&cellFrom=2026-01-01T00:00:00Z&cellTo=2026-01-01T00:01:00Z${query ? `&${query}` : ""}`;
  return [
    { name: "pools", handler: poolsGET, url: `${base}/pools${q}`, params: { account } },
    { name: "pool", handler: poolGET, url: `${base}/pools/${poolId}${q}`, params: { account, poolId } },
    { name: "pool health", handler: poolHealthGET, url: `${base}/pools/${poolId}/health${q}`, params: { account, poolId } },
    { name: "nodes", handler: nodesGET, url: `${base}/pools/${poolId}/nodes${q}`, params: { account, poolId } },
    { name: "node", handler: nodeGET, url: `${base}/pools/${poolId}/nodes/${nodeId}${q}`, params: { account, poolId, nodeId } },
    { name: "node failures", handler: nodeFailuresGET, url: `${base}/pools/${poolId}/nodes/${nodeId}/failures${q}`, params: { account, poolId, nodeId } },
    { name: "node files", handler: nodeFilesGET, url: `${base}/pools/${poolId}/nodes/${nodeId}/files${q}`, params: { account, poolId, nodeId } },
    {
      name: "node file",
      handler: nodeFileGET,
      url: `${base}/pools/${poolId}/nodes/${nodeId}/files/${ids.nodeFile}${q}`,
      params: { account, poolId, nodeId, path: ids.nodeFile.split("/") },
    },
    { name: "pool failures", handler: poolFailuresGET, url: `${base}/pools/${poolId}/failures${q}`, params: { account, poolId } },
    { name: "pool heatmap", handler: poolHeatmapGET, url: `${base}/pools/${poolId}/heatmap${q}`, params: { account, poolId } },
    { name: "pool heatmap cell", handler: poolHeatmapCellGET, url: `${base}/pools/${poolId}/heatmap/cell${cell}`, params: { account, poolId } },
    { name: "pool signatures", handler: poolSignaturesGET, url: `${base}/pools/${poolId}/signatures${q}`, params: { account, poolId } },
    { name: "jobs", handler: jobsGET, url: `${base}/jobs${q}`, params: { account } },
    { name: "job", handler: jobGET, url: `${base}/jobs/${jobId}${q}`, params: { account, jobId } },
    { name: "tasks", handler: tasksGET, url: `${base}/jobs/${jobId}/tasks${q}`, params: { account, jobId } },
    { name: "task", handler: taskGET, url: `${base}/jobs/${jobId}/tasks/${taskId}${q}`, params: { account, jobId, taskId } },
    { name: "task files", handler: taskFilesGET, url: `${base}/jobs/${jobId}/tasks/${taskId}/files${q}`, params: { account, jobId, taskId } },
    {
      name: "task file",
      handler: taskFileGET,
      url: `${base}/jobs/${jobId}/tasks/${taskId}/files/${ids.taskFile}${q}`,
      params: { account, jobId, taskId, path: ids.taskFile.split("/") },
    },
    { name: "job failures", handler: jobFailuresGET, url: `${base}/jobs/${jobId}/failures${q}`, params: { account, jobId } },
    { name: "job heatmap", handler: jobHeatmapGET, url: `${base}/jobs/${jobId}/heatmap${q}`, params: { account, jobId } },
    { name: "job heatmap cell", handler: jobHeatmapCellGET, url: `${base}/jobs/${jobId}/heatmap/cell${cell}`, params: { account, jobId } },
    { name: "job signatures", handler: jobSignaturesGET, url: `${base}/jobs/${jobId}/signatures${q}`, params: { account, jobId } },
    {
      name: "job compare",
      handler: jobCompareGET,
      url: `${base}/jobs/${jobId}/compare?failed=${encodeURIComponent(taskId)}${query ? `&${query}` : ""}`,
      params: { account, jobId },
    },
    { name: "id search", handler: searchGET, url: `${base}/search?q=${encodeURIComponent(poolId)}${query ? `&${query}` : ""}`, params: { account } },
    { name: "job schedules", handler: jobSchedulesGET, url: `${base}/jobschedules${q}`, params: { account } },
    { name: "job schedule", handler: jobScheduleGET, url: `${base}/jobschedules/${scheduleId}${q}`, params: { account, scheduleId } },
    { name: "job schedule jobs", handler: jobScheduleJobsGET, url: `${base}/jobschedules/${scheduleId}/jobs${q}`, params: { account, scheduleId } },
    {
      name: "action preview",
      handler: actionPreviewGET,
      url: `${base}/pools/${poolId}/actions/preview?nodes=${nodeId}${query ? `&${query}` : ""}`,
      params: { account, poolId },
    },
    { name: "actions", handler: actionsAsPage(nodeId), url: `${base}/pools/${poolId}/actions${q}`, params: { account, poolId } },
    { name: "node users", handler: nodeUsersGET, url: `${base}/pools/${poolId}/nodes/${nodeId}/users${q}`, params: { account, poolId, nodeId } },
    { name: "connect", handler: connectAsPage, url: `${base}/pools/${poolId}/nodes/${nodeId}/users${q}`, params: { account, poolId, nodeId } },
    {
      name: "remove user",
      handler: removeUserAsPage,
      url: `${base}/pools/${poolId}/nodes/${nodeId}/users/bs-routetab${q}`,
      params: { account, poolId, nodeId, userName: "bs-routetab" },
    },
    { name: "node rdp", handler: nodeRdpGET, url: `${base}/pools/${poolId}/nodes/${nodeId}/rdp${q}`, params: { account, poolId, nodeId } },
  ];
}

/** A well-formed snapshot id no snapshot has. */
const NO_SNAPSHOT = "AAAAAAAAAAAAAAAAAAAAAA";

/** Routes that answer from the server's own state and never call Batch (a load's progress, snapshots once taken). */
export function serverStateRoutes(account: string, ids: Pick<RouteIds, "poolId" | "jobId">, query = "window=1h"): RouteCase[] {
  const base = `/api/accounts/${account}`;
  return [
    {
      name: "pool heatmap progress",
      handler: poolHeatmapProgressGET,
      url: `${base}/pools/${ids.poolId}/heatmap/progress?${query}`,
      params: { account, poolId: ids.poolId },
    },
    {
      name: "job heatmap progress",
      handler: jobHeatmapProgressGET,
      url: `${base}/jobs/${ids.jobId}/heatmap/progress?${query}`,
      params: { account, jobId: ids.jobId },
    },
    { name: "me", handler: meGET, url: `${base}/me`, params: { account } },
    { name: "snapshots", handler: snapshotsGET, url: `${base}/snapshots`, params: { account } },
    { name: "take snapshot", handler: snapshotAsPage(account, ids.poolId), url: `${base}/snapshots`, params: { account } },
    { name: "snapshot", handler: snapshotGET, url: `${base}/snapshots/${NO_SNAPSHOT}`, params: { account, snapshotId: NO_SNAPSHOT } },
    { name: "delete snapshot", handler: deleteSnapshotAsPage, url: `${base}/snapshots/${NO_SNAPSHOT}`, params: { account, snapshotId: NO_SNAPSHOT } },
    { name: "audit", handler: auditGET, url: `${base}/audit`, params: { account } },
    {
      name: "audit record",
      handler: auditRecordGET,
      url: `${base}/audit/00000000-0000-4000-8000-000000000000`,
      params: { account, recordId: "00000000-0000-4000-8000-000000000000" },
    },
  ];
}

export const handlers = {
  snapshotsGET,
  snapshotsPOST,
  snapshotGET,
  snapshotDELETE,
  nodeUsersGET,
  nodeUsersPOST,
  nodeUserDELETE,
  nodeRdpGET,
  meGET,
  auditGET,
  auditRecordGET,
  actionPreviewGET,
  actionsPOST,
  poolHeatmapProgressGET,
  jobHeatmapProgressGET,
  poolsGET,
  poolGET,
  poolHealthGET,
  nodesGET,
  nodeGET,
  nodeFilesGET,
  nodeFailuresGET,
  nodeFileGET,
  poolFailuresGET,
  poolHeatmapGET,
  poolHeatmapCellGET,
  jobsGET,
  jobGET,
  tasksGET,
  taskGET,
  taskFilesGET,
  taskFileGET,
  jobFailuresGET,
  jobHeatmapGET,
  jobHeatmapCellGET,
  poolSignaturesGET,
  jobSignaturesGET,
  jobCompareGET,
  searchGET,
  jobSchedulesGET,
  jobScheduleGET,
  jobScheduleJobsGET,
};
