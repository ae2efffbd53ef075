import { fileSize, readRange, type FileContent } from "../files/content";
import type { Faults, FaultConfig } from "../faults";
import { body, enumValue } from "../http/input";
import type { Reply, RouteContext, Router } from "../http/router";
import type { NodeFault } from "../model/types";
import { applyFault, preemptNode } from "../sim/node-lifecycle";
import { nodeOf, taskOf } from "./lookup";

export interface RequestStats {
  total: number;
  byRoute: Map<string, number>;
  /** Accepted Batch requests by the api-version they carried. */
  byVersion: Map<string, number>;
}

export interface ControlTarget {
  info(): Record<string, unknown>;
  faults: Faults;
  stats: RequestStats;
  advance(ms: number): void;
}

const FAULTS: readonly NodeFault[] = ["none", "enospc", "oom", "diskfull", "starttaskfailed", "unusable"];

/**
 * The control API lives under /__emulator, a path Batch never uses. It needs no signature: the emulator
 * listens on loopback and these endpoints exist for tests and demos (documented in the README).
 */
/** What GET /__emulator/pools/{pool}/nodes/{node}/users shows of a node's users: never a secret, only whether one was given. */
export interface NodeUserSummary {
  name: string;
  isAdmin: boolean;
  expiryTime: string;
  hasPassword: boolean;
  hasSshKey: boolean;
}

const ok = (json: unknown = { ok: true }) => ({ status: 200, json });
const bad = (message: string) => ({ status: 400, json: { error: message } });
/** Runs a model change; a RangeError (a name Azure would refuse, an unknown account) is the caller's 400. */
const guarded = (run: () => unknown) => {
  try {
    return ok(run() ?? { ok: true });
  } catch (e) {
    if (e instanceof RangeError) return bad(e.message);
    throw e;
  }
};

export function controlRoutes(r: Router, target: ControlTarget): void {
  emulatorRoutes(r, target);
  nodeControlRoutes(r);
  r.on("POST", "/__emulator/jobs/:jobId/tasks/:taskId/files", addTaskFile);
  r.on("POST", "/__emulator/jobs/:jobId/tasks/:taskId/files/in-memory", keepTaskFileInMemory);
  storageRoutes(r);
}

/** The emulator itself: info, request stats, faults and the clock. */
function emulatorRoutes(r: Router, target: ControlTarget): void {
  r.on("GET", "/__emulator", () => ok(target.info()));
  r.on("GET", "/__emulator/stats", () =>
    ok({
      total: target.stats.total,
      byRoute: Object.fromEntries(target.stats.byRoute),
      byVersion: Object.fromEntries(target.stats.byVersion),
    }),
  );
  r.on("POST", "/__emulator/stats/reset", () => {
    target.stats.total = 0;
    target.stats.byRoute.clear();
    target.stats.byVersion.clear();
    return ok();
  });

  r.on("GET", "/__emulator/faults", () => ok(target.faults.get()));
  r.on("PUT", "/__emulator/faults", (c) => guarded(() => target.faults.set(body(c) as Partial<FaultConfig>)));
  r.on("DELETE", "/__emulator/faults", () => {
    target.faults.reset();
    return ok(target.faults.get());
  });

  r.on("POST", "/__emulator/clock/advance", (c) => {
    const seconds = Number(body(c).seconds);
    if (!(seconds >= 0)) return bad("seconds must be a non-negative number");
    target.advance(seconds * 1000);
    return ok(target.info());
  });
}

/** Faults, preemption and a view of users on one node. */
function nodeControlRoutes(r: Router): void {
  r.on("POST", "/__emulator/pools/:poolId/nodes/:nodeId/fault", (c) => {
    const { pool, node } = nodeOf(c);
    applyFault(c.sim, pool, node, enumValue(body(c), "fault", FAULTS, "none"));
    return ok({ nodeId: node.wire.id, fault: node.fault, state: node.wire.state });
  });
  // Batch never reads users back; tests need to see what an add or update left on the node. The password
  // and key are not stored, so only whether one was given is shown.
  r.on("GET", "/__emulator/pools/:poolId/nodes/:nodeId/users", (c) => {
    const { node } = nodeOf(c);
    return ok(
      [...node.users.values()].map((u): NodeUserSummary => ({
        name: u.name,
        isAdmin: u.isAdmin,
        expiryTime: new Date(u.expiryMs).toISOString(),
        hasPassword: u.hasPassword,
        hasSshKey: u.hasSshKey,
      })),
    );
  });
  r.on("POST", "/__emulator/pools/:poolId/nodes/:nodeId/preempt", (c) => {
    const { node } = nodeOf(c);
    preemptNode(c.sim, node);
    return ok({ nodeId: node.wire.id, state: node.wire.state });
  });
}

/** A generated file (a log of a given size and style, optionally growing) in a task's directory. */
function addTaskFile(c: RouteContext): Reply {
  const { task } = taskOf(c);
  const b = body(c);
  const path = typeof b.path === "string" && b.path ? b.path : "stdout.txt";
  const size = Number(b.size ?? 1024);
  if (!(size >= 0)) return bad("size must be a non-negative number of bytes");
  const style = enumValue(b, "style", ["app", "ansi", "binary"] as const, "app");
  const now = c.sim.now();
  const rate = Number(b.bytesPerSecond ?? 0);
  const content: FileContent = {
    kind: "generated",
    seed: Number(b.seed ?? 1),
    size,
    style,
    ...(rate > 0 ? { growth: { startMs: now, bytesPerSecond: rate } } : {}),
  };
  task.files.set(path, { content, creationMs: now, lastModifiedMs: now });
  return ok({ path, size });
}

/**
 * A task file's bytes made once and served from memory from then on, as a node serves a file from its
 * disk: the same bytes, but a range costs a copy instead of the log generator's CPU (hundreds of
 * milliseconds a 4 MiB range), so a log benchmark times Batch's round trips, not the emulator.
 */
function keepTaskFileInMemory(c: RouteContext): Reply {
  const { task } = taskOf(c);
  const path = String(body(c).path ?? "");
  const file = task.files.get(path);
  if (!file) return bad(`the task has no file ${path}`);
  const now = c.sim.now();
  const data = readRange(file.content, 0, fileSize(file.content, now) - 1, now);
  task.files.set(path, { ...file, content: { kind: "bytes", data } });
  return ok({ path, size: data.length });
}

/** The blob storage model that resource files and output files are checked against. */
function storageRoutes(r: Router): void {
  const storage = (c: { sim: { storage: import("../storage/store").StorageModel } }) => c.sim.storage;
  r.on("GET", "/__emulator/storage", (c) => ok(storage(c).listAccounts()));
  r.on("POST", "/__emulator/storage/accounts", (c) => guarded(() => storage(c).addAccount(String(body(c).name ?? ""))));
  r.on("DELETE", "/__emulator/storage/accounts/:account", (c) => guarded(() => ({ removed: storage(c).removeAccount(c.params.account ?? "") })));
  r.on("POST", "/__emulator/storage/accounts/:account/containers", (c) =>
    guarded(() => {
      const b = body(c);
      const access = enumValue(b, "publicAccess", ["none", "blob", "container"] as const, "none");
      storage(c).addContainer(c.params.account ?? "", String(b.name ?? ""), { publicAccess: access });
    }),
  );
  r.on("DELETE", "/__emulator/storage/accounts/:account/containers/:container", (c) =>
    guarded(() => ({ removed: storage(c).removeContainer(c.params.account ?? "", c.params.container ?? "") })),
  );
  r.on("PUT", "/__emulator/storage/accounts/:account/containers/:container/blobs/*blob", (c) =>
    guarded(() => storage(c).putBlob(c.params.account ?? "", c.params.container ?? "", c.params.blob ?? "", c.rawBody)),
  );
  r.on("DELETE", "/__emulator/storage/accounts/:account/containers/:container/blobs/*blob", (c) =>
    guarded(() => ({ removed: storage(c).deleteBlob(c.params.account ?? "", c.params.container ?? "", c.params.blob ?? "") })),
  );
}
