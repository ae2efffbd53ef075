import { Errors } from "../errors";
import { fileSize, lastModifiedMs, readRange } from "../files/content";
import { listPage } from "../http/list";
import type { Reply, RouteContext, Router } from "../http/router";
import { OrderedCollection } from "../model/ordered";
import type { NodeRecord, StoredFile, TaskRecord } from "../model/types";
import { FILE_FILTER } from "../odata/schemas";
import { parseDuration } from "../sim/context";
import { poolOs } from "../sim/node-lifecycle";
import { taskRootDirectory } from "../sim/task-runs";
import { nodeOf, taskOf } from "./lookup";

interface Entry {
  name: string;
  isDirectory: boolean;
  file?: StoredFile;
}

const CHUNK = 1 << 20;

export function fileRoutes(r: Router): void {
  const taskBase = (c: RouteContext) => `${c.baseUrl}/jobs/${enc(c.params.jobId)}/tasks/${enc(c.params.taskId)}/files`;
  const nodeBase = (c: RouteContext) => `${c.baseUrl}/pools/${enc(c.params.poolId)}/nodes/${enc(c.params.nodeId)}/files`;
  const taskEntries = (c: RouteContext) => entries(availableTaskFiles(c, taskOf(c).task), ["wd"]);
  const nodeEntries = (c: RouteContext) => entries(nodeFiles(c, nodeOf(c).node), ["startup/wd", "shared", "workitems", "applications"]);

  r.on("GET", "/jobs/:jobId/tasks/:taskId/files", (c) => listEntries(c, taskEntries(c), taskBase(c), taskOs(c)));
  r.on("GET", "/pools/:poolId/nodes/:nodeId/files", (c) => listEntries(c, nodeEntries(c), nodeBase(c), poolOs(nodeOf(c).pool)));

  for (const [prefix, list, base, os] of [
    ["/jobs/:jobId/tasks/:taskId/files/*filePath", taskEntries, taskBase, taskOs],
    ["/pools/:poolId/nodes/:nodeId/files/*filePath", nodeEntries, nodeBase, (c: RouteContext) => poolOs(nodeOf(c).pool)],
  ] as const) {
    r.on("GET", prefix, (c) => fileReply(c, find(list(c), c.params.filePath), base(c), os(c), true));
    r.on("HEAD", prefix, (c) => fileReply(c, find(list(c), c.params.filePath), base(c), os(c), false));
    r.on("DELETE", prefix, (c) => {
      const path = normalise(c.params.filePath);
      const files = prefix.startsWith("/jobs") ? availableTaskFiles(c, taskOf(c).task) : nodeOf(c).node.files;
      const recursive = c.query.get("recursive") === "true";
      const doomed = [...files.keys()].filter((k) => k === path || (recursive && k.startsWith(`${path}/`)));
      if (doomed.length === 0) throw Errors.fileNotFound(path);
      for (const k of doomed) files.delete(k);
      return { status: 200 };
    });
  }
}

const enc = (v: string | undefined) => encodeURIComponent(v ?? "");

/** The OS of the node a task ran on decides which file properties Batch reports (docs/real-service.md). */
function taskOs(c: RouteContext): "linux" | "windows" {
  const node = taskOf(c).task.node;
  const pool = node && c.sim.store.pools.get(node.poolId);
  return pool ? poolOs(pool) : "linux";
}

/** Batch names .txt files text/plain; other types were never recorded, so they stay a plain byte stream. */
const contentTypeOf = (name: string) => (name.toLowerCase().endsWith(".txt") ? "text/plain" : "application/octet-stream");
const normalise = (path: string | undefined) => (path ?? "").replace(/\\/g, "/").replace(/^\/+/, "");

/** A task's directory exists only on the node it ran on, and only while Batch keeps it (its retention time). */
function availableTaskFiles(c: RouteContext, task: TaskRecord): Map<string, StoredFile> {
  if (task.filesGone === "nodeRemoved")
    throw Errors.taskFilesUnavailable("The compute node the task ran on has been removed from the pool, and its files with it.");
  if (task.filesGone === "nodeReimaged") throw Errors.taskFilesUnavailable("The compute node the task ran on was reimaged, which deleted the task directory.");
  if (!task.node) throw Errors.taskFilesUnavailable("The task has not run on a compute node yet.");
  if (retentionExpired(task, c.sim.now())) throw Errors.taskFilesCleanedUp();
  return task.files;
}

function retentionExpired(task: TaskRecord, now: number): boolean {
  const end = task.wire.executionInfo.endTime;
  const keep = parseDuration(task.wire.constraints.retentionTime);
  return task.filesGone === "retention" || (end !== undefined && keep !== undefined && now > Date.parse(end) + keep);
}

/** The node's own files plus the directories of tasks that ran there and are still kept. */
function nodeFiles(c: RouteContext, node: NodeRecord): Map<string, StoredFile> {
  if (node.wire.state === "creating" || node.wire.state === "leavingpool") throw Errors.nodeFilesUnavailable(node.wire.state);
  const all = new Map(node.files);
  const now = c.sim.now();
  for (const task of node.taskHistory) {
    if (task.node !== node || task.filesGone || retentionExpired(task, now)) continue;
    const root = taskRootDirectory(task.jobId, task.wire.id);
    for (const [name, file] of task.files) all.set(`${root}/${name}`, file);
  }
  return all;
}

function entries(files: Map<string, StoredFile>, extraDirs: readonly string[]): Entry[] {
  const dirs = new Set<string>();
  const addParents = (path: string) => {
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join("/"));
  };
  for (const d of extraDirs) {
    dirs.add(d);
    addParents(d);
  }
  for (const name of files.keys()) addParents(name);
  return [...[...dirs].map((name) => ({ name, isDirectory: true })), ...[...files].map(([name, file]) => ({ name, isDirectory: false, file }))].sort((a, b) =>
    a.name.localeCompare(b.name),
  );
}

function find(list: Entry[], path: string | undefined): Entry {
  const wanted = normalise(path);
  const hit = list.find((e) => e.name === wanted);
  if (!hit) throw Errors.fileNotFound(wanted);
  return hit;
}

/**
 * Recorded lists give contentLength as a string; Linux nodes add fileMode ("0o100644") and no creationTime,
 * Windows nodes the reverse (docs/real-service.md).
 */
function listEntries(c: RouteContext, list: Entry[], base: string, os: "linux" | "windows"): Reply {
  const recursive = c.query.get("recursive") === "true";
  const rows = new OrderedCollection<Entry>();
  for (const e of list) if (recursive || !e.name.includes("/")) rows.add(e.name, e);
  const now = c.sim.now();
  return listPage(c, rows, {
    filter: FILE_FILTER,
    selectable: new Set(["name", "url", "isDirectory", "properties"]),
    filterView: (e) => e,
    toWire: (e) => ({
      name: e.name,
      url: `${base}/${e.name.split("/").map(encodeURIComponent).join("/")}`,
      isDirectory: e.isDirectory,
      ...(e.file
        ? {
            properties: {
              ...(os === "windows" ? { creationTime: new Date(e.file.creationMs).toISOString() } : {}),
              lastModified: new Date(lastModifiedMs(e.file.content, e.file.lastModifiedMs, now)).toISOString(),
              contentLength: String(fileSize(e.file.content, now)),
              contentType: contentTypeOf(e.name),
              ...(os === "linux" ? { fileMode: "0o100644" } : {}),
            },
          }
        : {}),
    }),
  });
}

/**
 * GET answers 200 even for a range: the SDK declares only 200 and throws on 206 (docs/real-service.md, "The SDK"). Headers as
 * recorded: isdirectory "True"/"False" (.NET booleans), the file url percent-encoded whole, ocp-batch-file-mode only
 * on Linux and ocp-creation-time only on Windows (docs/real-service.md).
 */
function fileReply(c: RouteContext, entry: Entry, base: string, os: "linux" | "windows", withBody: boolean): Reply {
  const now = c.sim.now();
  const file = entry.file;
  const size = file ? fileSize(file.content, now) : 0;
  const headers: Record<string, string> = {
    "Content-Type": entry.isDirectory ? "application/octet-stream" : contentTypeOf(entry.name),
    "Last-Modified": new Date(file ? lastModifiedMs(file.content, file.lastModifiedMs, now) : now).toUTCString(),
    ...(os === "windows" ? { "ocp-creation-time": new Date(file?.creationMs ?? now).toUTCString() } : {}),
    "ocp-batch-file-isdirectory": entry.isDirectory ? "True" : "False",
    "ocp-batch-file-url": encodeURIComponent(`${base}/${entry.name}`),
    ...(os === "linux" ? { "ocp-batch-file-mode": entry.isDirectory ? "0o40755" : "0o100644" } : {}),
  };
  const rangeHeader = header(c, "ocp-range") ?? header(c, "range");
  let start = 0;
  let end = size - 1;
  if (rangeHeader && withBody) {
    const range = parseRange(rangeHeader, size);
    if (!range) throw Errors.invalidRange(rangeHeader, size);
    [start, end] = range;
    headers["Content-Range"] = `bytes ${start}-${end}/${size}`;
  }
  const length = Math.max(0, end - start + 1);
  headers["Content-Length"] = String(withBody ? length : size);
  if (!withBody || !file || length === 0) return { status: 200, headers, body: Buffer.alloc(0) };
  const content = file.content;
  function* pieces() {
    for (let at = start; at <= end; at += CHUNK) yield readRange(content, at, Math.min(end, at + CHUNK - 1), now);
  }
  return { status: 200, headers, chunks: pieces() };
}

function header(c: RouteContext, name: string): string | undefined {
  const v = c.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** bytes=a-b, bytes=a- and bytes=-n; undefined when unsatisfiable. */
export function parseRange(value: string, size: number): [number, number] | undefined {
  const m = /^bytes=(\d*)-(\d*)$/.exec(value.trim());
  if (!m || (m[1] === "" && m[2] === "")) return undefined;
  if (m[1] === "") {
    const n = Number(m[2]);
    if (n === 0 || size === 0) return undefined;
    return [Math.max(0, size - n), size - 1];
  }
  const start = Number(m[1]);
  const end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return undefined;
  return [start, end];
}
