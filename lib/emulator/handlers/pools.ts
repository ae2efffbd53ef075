import { poolForVersion, rulesOf } from "../api-version";
import { Errors } from "../errors";
import { body, enumValue, optionalInt, requiredId, requiredString, stringArray, TASK_ACTIONS } from "../http/input";
import { entityReply, listPage } from "../http/list";
import type { Reply, RouteContext, Router } from "../http/router";
import { POOL_PROPS, poolJson } from "../http/serialize";
import { createdHeaders, entityHeaders } from "../http/wire-headers";
import { OrderedCollection } from "../model/ordered";
import { addPoolRecord } from "../model/new-pool";
import type { StartTask, WirePool } from "../model/types";
import { nodeCounts } from "../model/node-counts";
import { NODECOUNTS_FILTER, POOL_FILTER } from "../odata/schemas";
import { parseDuration } from "../sim/context";
import { deletePool, removeNodes, resizePool } from "../sim/pool-allocation";
import { poolOf } from "./lookup";

/** POST /pools: checks the body as Batch does and starts allocating the target nodes. */
function createPool(c: RouteContext): Reply {
  const b = body(c);
  const id = requiredId(b, "id");
  if (c.sim.store.pools.has(id)) throw Errors.poolExists();
  const vmSize = requiredString(b, "vmSize");
  const vmc = b.virtualMachineConfiguration as WirePool["virtualMachineConfiguration"];
  // 2025-06-01 has no cloudServiceConfiguration: there a pool needs virtualMachineConfiguration.
  const csc = rulesOf(c.apiVersion).cloudServiceConfiguration ? (b.cloudServiceConfiguration as WirePool["cloudServiceConfiguration"]) : undefined;
  if (!vmc && !csc) throw Errors.missingProperty("virtualMachineConfiguration");
  const policy = (b.taskSchedulingPolicy ?? {}) as { nodeFillType?: unknown };
  const pool = addPoolRecord(
    c.sim.store,
    {
      id,
      vmSize,
      ...(typeof b.displayName === "string" ? { displayName: b.displayName } : {}),
      ...(vmc ? { virtualMachineConfiguration: vmc } : { cloudServiceConfiguration: csc }),
      resizeTimeout: resizeTimeoutOf(b),
      targetDedicatedNodes: optionalInt(b, "targetDedicatedNodes", 0, 0, 10_000),
      targetLowPriorityNodes: optionalInt(b, "targetLowPriorityNodes", 0, 0, 10_000),
      enableInterNodeCommunication: b.enableInterNodeCommunication === true,
      ...(b.startTask ? { startTask: b.startTask as StartTask } : {}),
      taskSlotsPerNode: optionalInt(b, "taskSlotsPerNode", 1, 1, 256),
      nodeFillType: enumValue(policy, "nodeFillType", ["spread", "pack"] as const, "spread"),
      ...(Array.isArray(b.metadata) ? { metadata: b.metadata as WirePool["metadata"] } : {}),
    },
    c.sim.now(),
  );
  resizePool(c.sim, pool);
  return { status: 201, headers: createdHeaders(poolJson(pool, c.baseUrl).url, pool.wire) };
}

export function poolRoutes(r: Router): void {
  r.on("GET", "/pools", (c) =>
    listPage(c, c.sim.store.pools, {
      filter: POOL_FILTER,
      selectable: POOL_PROPS,
      filterView: (p) => p.wire,
      toWire: (p) => poolForVersion(poolJson(p, c.baseUrl), c.apiVersion),
    }),
  );

  r.on("POST", "/pools", createPool);

  r.on("GET", "/pools/:poolId", (c) => {
    const pool = poolOf(c);
    return entityReply(c, POOL_PROPS, poolForVersion(poolJson(pool, c.baseUrl), c.apiVersion), "pools", entityHeaders(pool.wire));
  });
  r.on("HEAD", "/pools/:poolId", (c) => ({ status: c.sim.store.pools.has(c.params.poolId ?? "") ? 200 : 404 }));

  r.on("DELETE", "/pools/:poolId", (c) => {
    deletePool(c.sim, poolOf(c));
    return { status: 202 };
  });

  r.on("POST", "/pools/:poolId/resize", (c) => {
    const pool = poolOf(c);
    const b = body(c);
    if (pool.wire.allocationState !== "steady") throw Errors.poolBeingResized();
    pool.wire.targetDedicatedNodes = optionalInt(b, "targetDedicatedNodes", pool.wire.targetDedicatedNodes, 0, 10_000);
    pool.wire.targetLowPriorityNodes = optionalInt(b, "targetLowPriorityNodes", pool.wire.targetLowPriorityNodes, 0, 10_000);
    pool.wire.resizeTimeout = resizeTimeoutOf(b);
    resizePool(c.sim, pool, enumValue(b, "nodeDeallocationOption", TASK_ACTIONS, "requeue"));
    return { status: 202 };
  });

  r.on("POST", "/pools/:poolId/removenodes", (c) => {
    const pool = poolOf(c);
    const b = body(c);
    const ids = stringArray(b, "nodeList", 100);
    resizeTimeoutOf(b);
    const option = enumValue(b, "nodeDeallocationOption", TASK_ACTIONS, "requeue");
    const nodes = ids.map((id) => {
      const node = pool.nodes.get(id);
      if (!node) throw Errors.invalidProperty("nodeList", id, `The node ${id} is not in the pool.`);
      return node;
    });
    removeNodes(c.sim, pool, nodes, option);
    return { status: 202 };
  });

  r.on("GET", "/nodecounts", (c) => {
    const rows = new OrderedCollection<ReturnType<typeof nodeCounts>>();
    for (const pool of c.sim.store.pools.values()) rows.add(pool.wire.id, nodeCounts(pool, rulesOf(c.apiVersion).deallocation));
    return listPage(c, rows, {
      filter: NODECOUNTS_FILTER,
      selectable: new Set(["poolId", "dedicated", "lowPriority"]),
      filterView: (row) => row,
      toWire: (row) => row,
      maxResultsLimit: 10,
    });
  });
}

/** Batch's rule: resizeTimeout at least 5 minutes (400 otherwise), 15 minutes by default. */
function resizeTimeoutOf(b: Record<string, unknown>): string {
  const v = b.resizeTimeout;
  if (v === undefined) return "PT15M";
  const ms = typeof v === "string" ? parseDuration(v) : undefined;
  if (ms === undefined || ms < 5 * 60_000) throw Errors.invalidProperty("resizeTimeout", v, "The resize timeout must be at least 5 minutes (PT5M).");
  return v as string;
}
