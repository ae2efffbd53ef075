import { z } from "zod";
import { RELATIVE_WINDOWS, WINDOW_DURATION_MS, DEFAULT_WINDOW, type RelativeWindow } from "@/lib/heatmap/window";
import { parseLineHash, type LineRange } from "@/lib/logs/line-hash";
import { batchId, filePath, jobId, nodeId, safeDecode } from "@/lib/schemas/inputs";
import type { SnapshotKind } from "@/lib/schemas/snapshots";

/**
 * A view to freeze (docs/snapshots.md): a dashboard path and query of one of the five views that take a
 * snapshot, checked with the service's id rules (lib/schemas/inputs.ts) before anything is read. Pure and
 * browser-safe: the save button can check a view the way the server will.
 */
export interface SnapshotView {
  kind: SnapshotKind;
  account: string;
  poolId?: string;
  jobId?: string;
  taskId?: string;
  nodeId?: string;
  /** A file view: whose file, its path (decoded) and the #L lines it shows, if any. */
  file?: { owner: "task" | "node"; path: string; lines?: LineRange };
  /** The path as given (still percent-encoded), without query or fragment. */
  pathname: string;
  query: URLSearchParams;
  /** "#L10-L20" or "". */
  fragment: string;
}

/** A view that cannot be frozen, with the reason in words (the route answers it as a 400). */
export class ViewError extends Error {
  override name = "ViewError";
}

/** At most the API's own bound on a pinned window (lib/schemas/inputs.ts windowQuery). */
const MAX_WINDOW_MS = 31 * 86_400_000;
const isoTime = z.iso.datetime({ offset: true });

function checked<T>(schema: z.ZodType<T>, value: string, what: string): T {
  const r = schema.safeParse(safeDecode(value));
  if (!r.success) throw new ViewError(`${what} ${r.error.issues[0]?.message ?? "is not valid"}`);
  return r.data;
}

/** Parses `view` for `account`; throws ViewError naming what is wrong. */
export function parseView(account: string, view: string): SnapshotView {
  if (!view.startsWith("/") || view.startsWith("//")) throw new ViewError("view must be a dashboard path such as /{account}/pools/{pool}");
  const hashAt = view.indexOf("#");
  const fragment = hashAt === -1 ? "" : view.slice(hashAt);
  const beforeHash = hashAt === -1 ? view : view.slice(0, hashAt);
  const queryAt = beforeHash.indexOf("?");
  const pathname = queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt);
  const query = new URLSearchParams(queryAt === -1 ? "" : beforeHash.slice(queryAt + 1));
  const parts = pathname.split("/").slice(1);
  if (parts.some((p) => p === "")) throw new ViewError("view has an empty path segment");
  if (safeDecode(parts[0] ?? "") !== account) throw new ViewError(`view is not a view of account ${account}`);
  const base = { account, pathname, query, fragment };
  const [section, id, sub, subId, files, ...rest] = parts.slice(1);
  let v: SnapshotView;
  if (section === "pools" && id) {
    const poolId = checked(batchId, id, "pool id");
    if (sub === undefined) v = { ...base, kind: "pool", poolId };
    else if (sub === "nodes" && subId) {
      const node = checked(nodeId, subId, "node id");
      if (files === undefined) v = { ...base, kind: "node", poolId, nodeId: node };
      else if (files === "files" && rest.length > 0) v = { ...base, kind: "file", poolId, nodeId: node, file: fileOf("node", rest, fragment) };
      else throw unknownView();
    } else throw unknownView();
  } else if (section === "jobs" && id) {
    const job = checked(jobId, id, "job id");
    if (sub === undefined) v = { ...base, kind: "job", jobId: job };
    else if (sub === "tasks" && subId) {
      const taskId = checked(batchId, subId, "task id");
      if (files === undefined) v = { ...base, kind: "task", jobId: job, taskId };
      else if (files === "files" && rest.length > 0) v = { ...base, kind: "file", jobId: job, taskId, file: fileOf("task", rest, fragment) };
      else throw unknownView();
    } else throw unknownView();
  } else throw unknownView();
  if (v.kind !== "file" && fragment !== "") throw new ViewError("only a file view takes a #L… fragment");
  return v;
}

const unknownView = () =>
  new ViewError(
    "view must be a pool, job, task, node or file page: /{account}/pools/{pool}, …/nodes/{node}, /{account}/jobs/{job}, …/tasks/{task} or …/files/{path}",
  );

function fileOf(owner: "task" | "node", segments: string[], fragment: string): NonNullable<SnapshotView["file"]> {
  const path = checked(filePath, segments.map(safeDecode).join("/"), "file path");
  if (fragment === "") return { owner, path };
  const lines = parseLineHash(fragment);
  if (!lines) throw new ViewError(`fragment ${fragment.slice(0, 40)} is not a line selection such as #L10-L20`);
  return { owner, path, lines };
}

/** The views whose panels read a window (pool and job pages; the node page's failed tasks). */
export const hasWindow = (kind: SnapshotKind) => kind === "pool" || kind === "job" || kind === "node";

export interface FrozenView {
  /** The same path and query, the window as absolute from/to (ISO, as the pages' links write them). */
  frozenView: string;
  query: URLSearchParams;
  window?: { from: number; to: number };
}

/**
 * Resolves the view's window at capture time: a relative `window` (default 1h, as the pages default it,
 * lib/links/view-params.ts) becomes from/to ending at `nowMs`, in the place `window` had (or at the end);
 * a pinned view keeps its from/to. Nothing else in the path or query changes.
 */
export function freezeView(v: SnapshotView, nowMs: number): FrozenView {
  const path = `${v.pathname}`;
  if (!hasWindow(v.kind)) return { frozenView: join(path, v.query, v.fragment), query: new URLSearchParams(v.query) };
  const from = v.query.get("from");
  const to = v.query.get("to");
  if ((from === null) !== (to === null)) throw new ViewError("from and to go together");
  if (from !== null && to !== null) {
    const w = { from: pinned(from, "from"), to: pinned(to, "to") };
    if (!(w.from < w.to)) throw new ViewError("from must be before to");
    if (w.to - w.from > MAX_WINDOW_MS) throw new ViewError("a window is at most 31 days");
    return { frozenView: join(path, v.query, v.fragment), query: new URLSearchParams(v.query), window: w };
  }
  const rel = v.query.get("window") ?? DEFAULT_WINDOW;
  if (!(RELATIVE_WINDOWS as readonly string[]).includes(rel)) throw new ViewError(`window must be one of ${RELATIVE_WINDOWS.join(", ")}`);
  const w = { from: nowMs - WINDOW_DURATION_MS[rel as RelativeWindow], to: nowMs };
  const out = new URLSearchParams();
  let placed = false;
  for (const [k, val] of v.query) {
    if (k !== "window") out.append(k, val);
    else if (!placed) {
      out.append("from", new Date(w.from).toISOString());
      out.append("to", new Date(w.to).toISOString());
      placed = true;
    }
  }
  if (!placed) {
    out.append("from", new Date(w.from).toISOString());
    out.append("to", new Date(w.to).toISOString());
  }
  return { frozenView: join(path, out, v.fragment), query: out, window: w };
}

function pinned(value: string, what: string): number {
  if (!isoTime.safeParse(value).success) throw new ViewError(`${what} must be an ISO 8601 time such as 2026-11-27T10:00:00Z`);
  return Date.parse(value);
}

function join(path: string, query: URLSearchParams, fragment: string): string {
  const q = query.toString();
  return `${path}${q ? `?${q}` : ""}${fragment}`;
}
