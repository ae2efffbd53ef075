import { HEATMAP_BUCKETS } from "@/lib/heatmap/window";
import { api, withQuery } from "@/lib/links/paths";
import type { CellTasksResponse, HeatmapResponse } from "@/lib/schemas/failures";
import type { NodeDetailResponse } from "@/lib/schemas/nodes";
import type { NodeFailuresResponse } from "@/lib/schemas/node-failures";
import { answer, cellPath, EVIDENCE_LIMITS, EVIDENCE_TAIL_BYTES, json, windowOf, type Answers, type FrozenRead, type ReadGroup } from "./view-reads";
import type { SnapshotView } from "./view";

/**
 * Stage 2, the evidence behind a view (docs/snapshots.md), from the stage-1 answers: the failed-task lists of
 * the heatmap's cells with failures (the reads components/heatmap/cell-tasks.tsx makes when a cell is opened,
 * worst cells first), then each failed task's page reads (api.task and api.taskFiles, components/tasks), then
 * their stderr tails (components/logs/log-tail.tsx). Most useful first: the size bound cuts from the end.
 * Call again as answers arrive (the tasks come from the cells' answers) until it adds nothing.
 */
export interface EvidencePlan {
  reads: FrozenRead[];
  /** How many reads of each group the evidence has in all, before the count limits. */
  totals: Partial<Record<ReadGroup, number>>;
}

interface TaskRef {
  jobId: string;
  taskId: string;
}

export function evidenceReads(v: SnapshotView, q: URLSearchParams, answers: Answers): EvidencePlan {
  if (v.kind === "pool" || v.kind === "job") return scopeEvidence(v, q, answers);
  if (v.kind === "node") return nodeEvidence(v, q, answers);
  return { reads: [], totals: {} };
}

function scopeEvidence(v: SnapshotView, q: URLSearchParams, answers: Answers): EvidencePlan {
  const heatmapBase = v.kind === "pool" ? api.poolHeatmap(v.account, v.poolId!) : api.jobHeatmap(v.account, v.jobId!);
  const w = windowOf(q);
  const h = answer<HeatmapResponse>(answers, withQuery(heatmapBase, { ...w, buckets: HEATMAP_BUCKETS, ...(q.get("sig") ? { signature: q.get("sig") } : {}) }));
  if (!h) return { reads: [], totals: {} };
  const cols = Math.max(0, h.edges.length - 1);
  const cells: { row: number; col: number; count: number }[] = [];
  h.counts.forEach((count, i) => {
    if (count > 0 && cols > 0) cells.push({ row: Math.floor(i / cols), col: i % cols, count });
  });
  // Worst cells first; among equals the latest, nearest the incident's end.
  cells.sort((x, y) => y.count - x.count || y.col - x.col || x.row - y.row);
  const cellPaths = cells.slice(0, EVIDENCE_LIMITS.cells).map((c) => cellPath(v, q, h.rows[c.row]!.nodeId, { from: h.edges[c.col]!, to: h.edges[c.col + 1]! }));
  const tasks: TaskRef[] = [];
  for (const p of cellPaths) for (const g of answer<CellTasksResponse>(answers, p)?.groups ?? []) for (const t of g.tasks) tasks.push(t);
  const plan = taskEvidence(v.account, unique(tasks));
  return { reads: [...cellPaths.map((p) => json(p, "cells")), ...plan.reads], totals: { cells: cells.length, ...plan.totals } };
}

function nodeEvidence(v: SnapshotView, q: URLSearchParams, answers: Answers): EvidencePlan {
  const a = v.account;
  const failed = answer<NodeFailuresResponse>(answers, withQuery(api.nodeFailures(a, v.poolId!, v.nodeId!), windowOf(q)))?.tasks ?? [];
  const recent = answer<NodeDetailResponse>(answers, api.node(a, v.poolId!, v.nodeId!))?.node.recentTasks ?? [];
  return taskEvidence(a, unique([...failed, ...recent]));
}

/** The failed tasks' pages (details and file list), then their stderr tails, each group in the tasks' order. */
function taskEvidence(account: string, all: TaskRef[]): EvidencePlan {
  const tasks = all.slice(0, EVIDENCE_LIMITS.tasks);
  const reads: FrozenRead[] = [];
  for (const t of tasks) reads.push(json(api.task(account, t.jobId, t.taskId), "tasks"), json(api.taskFiles(account, t.jobId, t.taskId), "tasks"));
  for (const t of tasks)
    reads.push({ kind: "fileTail", path: api.taskFile(account, t.jobId, t.taskId, "stderr.txt"), group: "tails", bytes: EVIDENCE_TAIL_BYTES });
  return { reads, totals: { tasks: all.length, tails: all.length } };
}

function unique(tasks: TaskRef[]): TaskRef[] {
  const seen = new Set<string>();
  return tasks.filter((t) => {
    const k = `${t.jobId}\n${t.taskId}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
