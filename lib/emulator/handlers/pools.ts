import { iso } from "../clock";
import { Errors } from "../errors";
import { body, enumValue, optionalInt, requiredId, requiredString, stringArray, TASK_ACTIONS } from "../http/input";
import { entityReply, listPage } from "../http/list";
import type { Router } from "../http/router";
import { POOL_PROPS, poolJson } from "../http/serialize";
import { OrderedCollection } from "../model/ordered";
import type { PoolRecord, StartTask, WirePool } from "../model/types";
import { nodeCounts } from "../model/node-counts";
import { NODECOUNTS_FILTER, POOL_FILTER } from "../odata/schemas";
import { parseDuration } from "../sim/context";
import { deletePool, removeNodes, resizePool } from "../sim/pool-allocation";
import { poolOf } from "./lookup";

export function poolRoutes(r: Router): void {
  r.on("GET", "/pools", (c) =>
    listPage(c, c.sim.store.pools, {
      filter: POOL_FILTER,
      selectable: POOL_PROPS,
      filterView: (p) => p.wire,
      toWire: (p) => poolJson(p, c.baseUrl),
    }),
  );

  r.on("POST", "/pools", (c) => {
    const b = body(c);
    const id = requiredId(b, "id");
    if (c.sim.store.pools.has(id)) throw Errors.poolExists();
    const vmSize = requiredString(b, "vmSize");
    const vmc = b.virtualMachineConfiguration as WirePool["virtualMachineConfiguration"];
    const csc = b.cloudServiceConfiguration as WirePool["cloudServiceConfiguration"];
    if (!vmc && !csc) throw Errors.missingProperty("virtualMachineConfiguration");
    const resizeTimeout = resizeTimeoutOf(b);
    const now = c.sim.now();
    const created = iso(now);
    const policy = (b.taskSchedulingPolicy ?? {}) as { nodeFillType?: unknown };
    const wire: WirePool = {
      id,
      ...(typeof b.displayName === "string" ? { displayName: b.displayName } : {}),
      eTag: "",
      lastModified: created,
      creationTime: created,
      state: "active",
      stateTransitionTime: created,
      allocationState: "steady",
      allocationStateTransitionTime: created,
      vmSize: vmSize.toLowerCase(),
      ...(vmc ? { virtualMachineConfiguration: vmc } : { cloudServiceConfiguration: csc }),
      resizeTimeout,
      currentDedicatedNodes: 0,
      currentLowPriorityNodes: 0,
      targetDedicatedNodes: optionalInt(b, "targetDedicatedNodes", 0, 0, 10_000),
      targetLowPriorityNodes: optionalInt(b, "targetLowPriorityNodes", 0, 0, 10_000),
      enableAutoScale: false,
      enableInterNodeCommunication: b.enableInterNodeCommunication === true,
      ...(b.startTask ? { startTask: b.startTask as StartTask } : {}),
      taskSlotsPerNode: optionalInt(b, "taskSlotsPerNode", 1, 1, 256),
      taskSchedulingPolicy: { nodeFillType: enumValue(policy, "nodeFillType", ["spread", "pack"] as const, "spread") },
      ...(Array.isArray(b.metadata) ? { metadata: b.metadata as WirePool["metadata"] } : {}),
    };
    const pool: PoolRecord = { wire, nodes: new OrderedCollection(), nodeCounter: 0, cursor: 0 };
    c.sim.store.touch(wire, now);
    c.sim.store.pools.add(id, pool);
    resizePool(c.sim, pool);
    return { status: 201 };
  });

  r.on("GET", "/pools/:poolId", (c) => entityReply(c, POOL_PROPS, poolJson(poolOf(c), c.baseUrl)));
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
    for (const pool of c.sim.store.pools.values()) rows.add(pool.wire.id, nodeCounts(pool));
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
