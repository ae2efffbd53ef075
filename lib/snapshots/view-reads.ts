import { cellTasksWindow, openedCellSpan, type UrlWindow } from "@/lib/heatmap/cell-span";
import { DEFAULT_WINDOW, HEATMAP_BUCKETS, isRelativeWindow } from "@/lib/heatmap/window";
import { api, withQuery } from "@/lib/links/paths";
import { scheduleOfJob } from "@/lib/links/scheduled-job";
import { scopeTicketParts } from "@/lib/links/ticket-scope";
import type { LineRange } from "@/lib/logs/line-hash";
import type { HeatmapResponse } from "@/lib/schemas/failures";
import { FAILURE_CATEGORIES } from "@/lib/schemas/tasks";
import { normalizeApiPath } from "./api-path";
import type { SnapshotView } from "./view";

/**
 * The API reads a frozen view's panels make (docs/snapshots.md). The snapshot stores the answers to exactly
 * these paths, so the snapshot page's components find each read they make. Where each path comes from:
 *
 * pool  /{a}/pools/{p}
 *   api.pool                                   components/pools/pool-view.tsx (PoolView)
 *   api.poolHealth                             components/pools/pool-health.tsx
 *   poolHeatmap?from&to&buckets=60[&signature] components/heatmap/use-heatmap.ts (panel, toolbar, node table)
 *   poolSignatures?from&to                     components/signatures/signature-list.tsx, ui/use-ticket-signatures.ts
 *   poolFailures?from&to                       components/pools/failures-by-category.tsx, pools/pool-toolbar.tsx
 *   api.nodes                                  components/pools/node-table.tsx
 *   api.me                                     components/ui/identity-badge.tsx (every page's shell)
 *   audit?pool[&node]                          components/ui/use-ticket-actions.ts (nodes of the heatmap's ticket parts)
 *   poolHeatmapCell?from&to&nodeId&cellFrom&cellTo[&signature]  components/heatmap/cell-tasks.tsx (cellNode/cellAt opened)
 * job   /{a}/jobs/{j}
 *   api.job                                    components/jobs/job-header.tsx, job-toolbar.tsx, task-query.ts
 *   jobHeatmap, jobSignatures, jobFailures     as the pool's (failure-breakdown.tsx for the failures)
 *   tasks?outcome&…&pageSize=50                components/jobs/task-table.tsx (task-query.ts taskApiQuery; "failed",
 *                                              and "all" too when the job has no failures and no outcome is chosen)
 *   api.jobSchedule                            components/schedules/schedule-of-job.tsx (a scheduled job's id)
 *   api.me; audit?pool[&node]; jobHeatmapCell  as the pool's (the pool from the job's answer)
 * task  /{a}/jobs/{j}/tasks/{t}
 *   api.task                                   components/tasks/task-view.tsx
 *   api.taskFiles                              components/tasks/task-logs.tsx (app/[account]/_section/start-reads.tsx)
 *   taskFile stderr.txt, stdout.txt, fileuploaderr.txt (content)   components/logs/log-tail.tsx via task-logs.tsx
 *   api.me; audit?pool&node                    identity badge; use-ticket-actions.ts and tasks/saved-stderr.tsx
 * node  /{a}/pools/{p}/nodes/{n}
 *   api.node                                   components/nodes/node-view.tsx
 *   nodeFailures?from&to                       components/nodes/node-view.tsx (node-failures.tsx, node-timeline.tsx)
 *   audit?pool&node                            components/nodes/node-view.tsx, audit/node-history.tsx
 *   nodeFiles?recursive=true                   components/nodes/node-files.tsx, start-task-panel.tsx
 *   api.pool; api.me                           start-reads.tsx (the node page's early reads)
 *   nodeFile startup/stderr.txt (content)      components/nodes/start-task-panel.tsx, when the node lists it
 * file  …/files/{path}
 *   api.task (task files)                      components/logs/use-file-facts.ts
 *   taskFiles|nodeFiles?recursive=true         lib/queries/file-tree.ts (components/logs/file-tree.tsx)
 *   the file (content) and ?properties=true    components/logs/range-reads.ts (lib/logs/read-range.ts)
 *   ?line=N for #L lines                       components/logs/line-index-client.ts
 *   api.me
 * A "content" read is stored under the file's API path without a query, as a slice (PLAN: frozen file bytes).
 */

export type ReadGroup = "view" | "cells" | "tasks" | "tails";

export type FrozenRead =
  | { kind: "json"; path: string; group: ReadGroup }
  /** The last `bytes` of a file; `path` is the file's API path without a query. */
  | { kind: "fileTail"; path: string; group: ReadGroup; bytes: number }
  /** The bytes of lines `lines` of a file. */
  | { kind: "fileLines"; path: string; group: ReadGroup; lines: LineRange };

/** Stage-1 JSON answers seen so far, by normalized path (2xx answers only). */
export type Answers = ReadonlyMap<string, unknown>;

/** The view's own tails: the 64 KiB the issue asks for (the page reads 16 KiB of it). */
export const VIEW_TAIL_BYTES = 64 * 1024;
/** Evidence tails: what a task page's log tail reads (components/logs/log-tail.tsx TAIL_BYTES). */
export const EVIDENCE_TAIL_BYTES = 16 * 1024;
/** The job task table's page (components/jobs/task-table.tsx PAGE_SIZE). */
export const TASK_PAGE_SIZE = 50;
/** Evidence bounds by count, beside the size bound: each read is a call to Batch. */
export const EVIDENCE_LIMITS = { cells: 300, tasks: 100 } as const;

export const json = (path: string, group: ReadGroup = "view"): FrozenRead => ({ kind: "json", path, group });
export const answer = <T>(answers: Answers, path: string) => answers.get(normalizeApiPath(path)) as T | undefined;

/** The window as the pages send it (lib/links/view-params.ts windowQuery: toISOString of the parsed dates). */
export function windowOf(q: URLSearchParams): Record<string, string> {
  const from = q.get("from");
  const to = q.get("to");
  return from && to ? { from: new Date(from).toISOString(), to: new Date(to).toISOString() } : {};
}

const signatureOf = (q: URLSearchParams) => (q.get("sig") ? { signature: q.get("sig") as string } : {});

/** Stage 1: the reads the frozen view's panels make, as far as the answers so far tell them. Call again with more answers until it adds nothing. */
export function viewReads(v: SnapshotView, q: URLSearchParams, answers: Answers): FrozenRead[] {
  const a = v.account;
  const me = json(api.me(a));
  switch (v.kind) {
    case "pool":
      return [json(api.pool(a, v.poolId!)), json(api.poolHealth(a, v.poolId!)), ...scopeReads(v, q, answers, v.poolId), json(api.nodes(a, v.poolId!)), me];
    case "job": {
      const job = answer<{ job: { poolId?: string; taskCounts: { failed: number } } }>(answers, api.job(a, v.jobId!))?.job;
      const schedule = scheduleOfJob(v.jobId!);
      return [
        json(api.job(a, v.jobId!)),
        ...scopeReads(v, q, answers, job?.poolId),
        ...taskTableReads(v, q, job),
        ...(schedule ? [json(api.jobSchedule(a, schedule.scheduleId))] : []),
        me,
      ];
    }
    case "task": {
      const task = answer<{ task: { poolId?: string; nodeId?: string } }>(answers, api.task(a, v.jobId!, v.taskId!))?.task;
      const tail = (name: string): FrozenRead => ({
        kind: "fileTail",
        path: api.taskFile(a, v.jobId!, v.taskId!, name),
        group: "view",
        bytes: VIEW_TAIL_BYTES,
      });
      return [
        json(api.task(a, v.jobId!, v.taskId!)),
        json(api.taskFiles(a, v.jobId!, v.taskId!)),
        tail("stderr.txt"),
        tail("stdout.txt"),
        tail("fileuploaderr.txt"),
        me,
        ...(task?.nodeId ? [json(withQuery(api.audit(a), { pool: task.poolId, node: task.nodeId }))] : []),
      ];
    }
    case "node":
      return nodeReads(v, q, answers);
    case "file":
      return fileReads(v);
  }
}

/** The heatmap, signatures and failures of a pool or job, the ticket's audit read and an opened cell. */
function scopeReads(v: SnapshotView, q: URLSearchParams, answers: Answers, poolId: string | undefined): FrozenRead[] {
  const a = v.account;
  const w = windowOf(q);
  const [heatmap, signatures, failures] =
    v.kind === "pool"
      ? [api.poolHeatmap(a, v.poolId!), api.poolSignatures(a, v.poolId!), api.poolFailures(a, v.poolId!)]
      : [api.jobHeatmap(a, v.jobId!), api.jobSignatures(a, v.jobId!), api.jobFailures(a, v.jobId!)];
  const heatmapPath = withQuery(heatmap, { ...w, buckets: HEATMAP_BUCKETS, ...signatureOf(q) });
  const reads = [json(heatmapPath), json(withQuery(signatures, w)), json(withQuery(failures, w))];
  const h = answer<HeatmapResponse>(answers, heatmapPath);
  if (!h) return reads;
  const nodes = scopeTicketParts(h).nodes.map((n) => n.nodeId);
  if (poolId && nodes.length > 0) reads.push(json(withQuery(api.audit(a), { pool: poolId, node: nodes.length === 1 ? nodes[0] : undefined })));
  const cellNode = q.get("cellNode");
  const cellAt = Date.parse(q.get("cellAt") ?? "");
  if (cellNode && Number.isFinite(cellAt)) {
    // components/heatmap/opened-cell.tsx: the cell's own span, read in its pinned span once outside the window.
    const span = openedCellSpan(cellAt, finiteOrNull(Date.parse(q.get("cellTo") ?? "")), urlWindowOf(q));
    reads.push(json(cellPath(v, q, cellNode, span, cellTasksWindow(span, h.edges, windowOf(q)))));
  }
  return reads;
}

const finiteOrNull = (t: number) => (Number.isFinite(t) ? t : null);

/** The frozen query's window as the page's parsers give it (a frozen view is always pinned, docs/snapshots.md). */
function urlWindowOf(q: URLSearchParams): UrlWindow {
  const window = q.get("window");
  return {
    window: isRelativeWindow(window) ? window : DEFAULT_WINDOW,
    from: finiteOrNull(Date.parse(q.get("from") ?? "")),
    to: finiteOrNull(Date.parse(q.get("to") ?? "")),
  };
}

export function cellPath(v: SnapshotView, q: URLSearchParams, nodeId: string, range: { from: number; to: number }, w = windowOf(q)): string {
  const base = v.kind === "pool" ? api.poolHeatmapCell(v.account, v.poolId!) : api.jobHeatmapCell(v.account, v.jobId!);
  return withQuery(base, {
    ...w,
    nodeId,
    cellFrom: new Date(range.from).toISOString(),
    cellTo: new Date(range.to).toISOString(),
    ...signatureOf(q),
  });
}

const TASK_STATES = ["active", "preparing", "running", "completed"];
const OUTCOMES = ["failed", "succeeded", "running", "all"];
const oneOf = (value: string | null, allowed: readonly string[]) => (value !== null && allowed.includes(value) ? value : undefined);

/** components/jobs/task-query.ts taskApiQuery for the first page, restated over the URL's values as nuqs parses them. */
function taskTableReads(v: SnapshotView, q: URLSearchParams, job: { taskCounts: { failed: number } } | undefined): FrozenRead[] {
  const state = oneOf(q.get("state"), TASK_STATES);
  const category = oneOf(q.get("category"), FAILURE_CATEGORIES);
  const exit = q.get("exitCode");
  const exitCode = exit !== null && /^-?\d+$/.test(exit) ? Number(exit) : undefined;
  const chosen = oneOf(q.get("outcome"), OUTCOMES);
  const outcomes = chosen ? [chosen] : job && job.taskCounts.failed === 0 ? ["failed", "all"] : ["failed"];
  return outcomes.map((outcome) => {
    const windowApplies =
      category !== undefined || state === "completed" || outcome === "failed" || outcome === "succeeded" || (outcome === "all" && state === undefined);
    return json(
      withQuery(api.tasks(v.account, v.jobId!), {
        state,
        category,
        outcome,
        nodeId: q.get("node"),
        exitCode,
        ...(windowApplies ? windowOf(q) : {}),
        pageSize: TASK_PAGE_SIZE,
      }),
    );
  });
}

function nodeReads(v: SnapshotView, q: URLSearchParams, answers: Answers): FrozenRead[] {
  const a = v.account;
  const [p, n] = [v.poolId!, v.nodeId!];
  const filesPath = withQuery(api.nodeFiles(a, p, n), { recursive: "true" });
  const files = answer<{ files: { name: string; isDirectory?: boolean }[] }>(answers, filesPath)?.files ?? [];
  const startupStderr = files.some((f) => f.name === "startup/stderr.txt" && !f.isDirectory);
  return [
    json(api.node(a, p, n)),
    json(withQuery(api.nodeFailures(a, p, n), windowOf(q))),
    json(withQuery(api.audit(a), { pool: p, node: n })),
    json(filesPath),
    json(api.pool(a, p)),
    json(api.me(a)),
    ...(startupStderr ? [{ kind: "fileTail", path: api.nodeFile(a, p, n, "startup/stderr.txt"), group: "view", bytes: VIEW_TAIL_BYTES } as const] : []),
  ];
}

function fileReads(v: SnapshotView): FrozenRead[] {
  const a = v.account;
  const f = v.file!;
  const file = f.owner === "task" ? api.taskFile(a, v.jobId!, v.taskId!, f.path) : api.nodeFile(a, v.poolId!, v.nodeId!, f.path);
  const tree = f.owner === "task" ? api.taskFiles(a, v.jobId!, v.taskId!) : api.nodeFiles(a, v.poolId!, v.nodeId!);
  const content: FrozenRead = f.lines
    ? { kind: "fileLines", path: file, group: "view", lines: f.lines }
    : { kind: "fileTail", path: file, group: "view", bytes: VIEW_TAIL_BYTES };
  return [
    ...(f.owner === "task" ? [json(api.task(a, v.jobId!, v.taskId!))] : []),
    json(withQuery(tree, { recursive: "true" })),
    content,
    json(withQuery(file, { properties: "true" })),
    ...(f.lines ? [json(withQuery(file, { line: f.lines.from }))] : []),
    json(api.me(a)),
  ];
}
