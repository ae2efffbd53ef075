import { rulesOf } from "../api-version";
import { Errors } from "../errors";
import { body, DISABLE_ACTIONS, enumValue, requiredString, TASK_ACTIONS } from "../http/input";
import { entityReply, listPage } from "../http/list";
import type { Router } from "../http/router";
import { NODE_PROPS, nodeJson } from "../http/serialize";
import { NODE_FILTER } from "../odata/schemas";
import { deallocateNode, disableScheduling, enableScheduling, rebootNode, reimageNode, startNode } from "../sim/node-actions";
import { poolOs } from "../sim/node-lifecycle";
import { addNodeUser, deleteNodeUser, updateNodeUser } from "../sim/node-users";
import { nodeOf, poolOf } from "./lookup";

export function nodeRoutes(r: Router): void {
  nodeReadRoutes(r);
  nodeActionRoutes(r);
  nodeUserRoutes(r);
}

function nodeReadRoutes(r: Router): void {
  r.on("GET", "/pools/:poolId/nodes", (c) => {
    const pool = poolOf(c);
    return listPage(c, pool.nodes, {
      filter: NODE_FILTER,
      selectable: NODE_PROPS,
      filterView: (n) => n.wire,
      toWire: (n) => nodeJson(n, c.baseUrl),
    });
  });

  r.on("GET", "/pools/:poolId/nodes/:nodeId", (c) => entityReply(c, NODE_PROPS, nodeJson(nodeOf(c).node, c.baseUrl), "nodes"));
}

/** An operator's actions on one node. */
function nodeActionRoutes(r: Router): void {
  r.on("POST", "/pools/:poolId/nodes/:nodeId/reboot", (c) => {
    const { pool, node } = nodeOf(c);
    rebootNode(c.sim, pool, node, enumValue(body(c), "nodeRebootOption", TASK_ACTIONS, "requeue"));
    return { status: 202 };
  });

  r.on("POST", "/pools/:poolId/nodes/:nodeId/reimage", (c) => {
    const { pool, node } = nodeOf(c);
    reimageNode(c.sim, pool, node, enumValue(body(c), "nodeReimageOption", TASK_ACTIONS, "requeue"), rulesOf(c.apiVersion).reimageVirtualMachines);
    return { status: 202 };
  });

  // 2025-06-01 only; on an older version these paths are unknown resources, answered as the router does.
  r.on("POST", "/pools/:poolId/nodes/:nodeId/deallocate", (c) => {
    if (!rulesOf(c.apiVersion).deallocation) throw Errors.invalidUri(`No resource at ${c.path}`);
    const { pool, node } = nodeOf(c);
    deallocateNode(c.sim, pool, node, enumValue(body(c), "nodeDeallocateOption", TASK_ACTIONS, "requeue"));
    return { status: 202, headers: actionHeaders(c.baseUrl, c.path, c.sim.now()) };
  });

  r.on("POST", "/pools/:poolId/nodes/:nodeId/start", (c) => {
    if (!rulesOf(c.apiVersion).deallocation) throw Errors.invalidUri(`No resource at ${c.path}`);
    const { pool, node } = nodeOf(c);
    startNode(c.sim, pool, node);
    return { status: 202, headers: actionHeaders(c.baseUrl, c.path, c.sim.now()) };
  });

  r.on("POST", "/pools/:poolId/nodes/:nodeId/disablescheduling", (c) => {
    const { node } = nodeOf(c);
    disableScheduling(c.sim, node, enumValue(body(c), "nodeDisableSchedulingOption", DISABLE_ACTIONS, "requeue"));
    return { status: 200 };
  });

  r.on("POST", "/pools/:poolId/nodes/:nodeId/enablescheduling", (c) => {
    enableScheduling(c.sim, nodeOf(c).node);
    return { status: 200 };
  });
}

/** A node's user accounts (for remote login). */
function nodeUserRoutes(r: Router): void {
  // The SDK declares 201 for add and 200 for update and delete (computeNodeOperations.js); any other
  // status, even another 2xx, makes it throw. Add and update also declare etag/last-modified/dataserviceid.
  r.on("POST", "/pools/:poolId/nodes/:nodeId/users", (c) => {
    const { pool, node } = nodeOf(c);
    const user = addNodeUser(node, body(c), poolOs(pool), c.sim.now());
    return { status: 201, headers: userHeaders(c.baseUrl, node.poolId, node.wire.id, user.name, c.sim.now()) };
  });

  r.on("PUT", "/pools/:poolId/nodes/:nodeId/users/:userName", (c) => {
    const { pool, node } = nodeOf(c);
    const user = updateNodeUser(node, c.params.userName ?? "", body(c), poolOs(pool), c.sim.now());
    return { status: 200, headers: userHeaders(c.baseUrl, node.poolId, node.wire.id, user.name, c.sim.now()) };
  });

  r.on("DELETE", "/pools/:poolId/nodes/:nodeId/users/:userName", (c) => {
    const { pool, node } = nodeOf(c);
    deleteNodeUser(node, c.params.userName ?? "", poolOs(pool));
    return { status: 200 };
  });

  r.on("GET", "/pools/:poolId/nodes/:nodeId/remoteloginsettings", (c) => {
    const { pool, node } = nodeOf(c);
    if (!pool.wire.virtualMachineConfiguration) {
      throw Errors.operationNotValidOnNode(
        "Remote login settings are only available on pools created with virtualMachineConfiguration; use the RDP file instead.",
      );
    }
    const ssh = node.wire.endpointConfiguration?.inboundEndpoints[0];
    return {
      status: 200,
      json: { remoteLoginIPAddress: ssh?.publicIPAddress ?? "203.0.113.10", remoteLoginPort: ssh?.frontendPort ?? 50000 },
    };
  });

  r.on("GET", "/pools/:poolId/nodes/:nodeId/rdp", (c) => {
    // Removed in 2025-06-01: the path is then an unknown resource, answered as the router answers one.
    if (!rulesOf(c.apiVersion).rdpFile) throw Errors.invalidUri(`No resource at ${c.path}`);
    const { pool, node } = nodeOf(c);
    if (!pool.wire.cloudServiceConfiguration) {
      throw Errors.operationNotValidOnNode("An RDP file is only available for nodes of pools created with cloudServiceConfiguration.");
    }
    const rdp = `full address:s:${node.wire.ipAddress}:3389\r\nLoadBalanceInfo:s:Cookie: mstshash=${node.wire.id}\r\n`;
    return { status: 200, body: Buffer.from(rdp), headers: { "Content-Type": "application/octet-stream" } };
  });

  r.on("POST", "/pools/:poolId/nodes/:nodeId/uploadbatchservicelogs", (c) => {
    const { node } = nodeOf(c);
    const b = body(c);
    requiredString(b, "containerUrl");
    const start = requiredString(b, "startTime");
    if (Number.isNaN(Date.parse(start))) throw Errors.invalidProperty("startTime", start, "Expected an ISO 8601 date-time.");
    const stamp = new Date(c.sim.now()).toISOString().replace(/[-:.]/g, "");
    return {
      status: 200,
      json: { virtualDirectoryName: `${node.poolId}/${node.wire.id}/${stamp}`, numberOfFilesUploaded: 3 + node.files.size },
    };
  });
}

/** 2025-06-01's AcceptedProcessingResponseHeaders for deallocate and start (the router adds request-id). */
function actionHeaders(base: string, path: string, nowMs: number): Record<string, string> {
  return { ETag: `0x${nowMs.toString(16).toUpperCase()}`, "Last-Modified": new Date(nowMs).toUTCString(), DataServiceId: `${base}${path}` };
}

function userHeaders(base: string, poolId: string, nodeId: string, userName: string, nowMs: number): Record<string, string> {
  const url = `${base}/pools/${encodeURIComponent(poolId)}/nodes/${encodeURIComponent(nodeId)}/users/${encodeURIComponent(userName)}`;
  return { ETag: `0x${nowMs.toString(16).toUpperCase()}`, "Last-Modified": new Date(nowMs).toUTCString(), DataServiceId: url };
}
