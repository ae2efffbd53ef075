import { parseAsArrayOf, parseAsInteger, parseAsIsoDateTime, parseAsString, parseAsStringLiteral } from "nuqs/server";
import { AUDIT_ACTIONS } from "@/lib/schemas/audit";
import { FAILURE_CATEGORIES } from "@/lib/schemas/tasks";
import { RELATIVE_WINDOWS } from "@/lib/heatmap/window";
import { TASK_OUTCOMES } from "@/lib/schemas/inputs";

/**
 * The view state that lives in the URL (the URL is the source of truth): one set of parsers, used by the
 * pages through nuqs and by the links that pin or share a view.
 */
export const windowParams = {
  window: parseAsStringLiteral(RELATIVE_WINDOWS).withDefault("1h"),
  from: parseAsIsoDateTime,
  to: parseAsIsoDateTime,
};

export const HEATMAP_METRICS = ["failures", "category", "job", "exitCode"] as const;
/** The heatmap's "failing nodes only" filter: `failing=1` shows only the rows with failures. */
export const failingParam = parseAsStringLiteral(["1"] as const);
export const NODE_SORTS = ["failures", "rate", "state", "id", "running"] as const;
export const SORT_DIRECTIONS = ["asc", "desc"] as const;

export const poolViewParams = {
  ...windowParams,
  metric: parseAsStringLiteral(HEATMAP_METRICS).withDefault("failures"),
  failing: failingParam,
  /** Selected node rows, for bulk remediation. */
  sel: parseAsArrayOf(parseAsString, ","),
  /** The opened cell: node id and the bucket's start time (stable across refreshes, unlike an index). */
  cellNode: parseAsString,
  cellAt: parseAsIsoDateTime,
  /** The opened cell's end: with cellAt, its own span, whatever the live window has slid to since (lib/heatmap/cell-span.ts). */
  cellTo: parseAsIsoDateTime,
  sort: parseAsStringLiteral(NODE_SORTS).withDefault("failures"),
  /** The node sort's direction, when it is not the sort's own first direction (biggest counts, lowest ids first). */
  dir: parseAsStringLiteral(SORT_DIRECTIONS),
  q: parseAsString,
  sig: parseAsString,
};

/** The failure signature the heatmap is filtered by (its id, stable across refreshes). */
export const signatureParams = { sig: parseAsString };

export const TASK_STATES = ["active", "preparing", "running", "completed"] as const;

export const jobViewParams = {
  ...windowParams,
  metric: parseAsStringLiteral(HEATMAP_METRICS).withDefault("failures"),
  failing: failingParam,
  category: parseAsStringLiteral(FAILURE_CATEGORIES),
  state: parseAsStringLiteral(TASK_STATES),
  node: parseAsString,
  exitCode: parseAsInteger,
  /** The task table's outcome; absent means failed when the job has failures, else all (components/jobs/task-query.ts). */
  outcome: parseAsStringLiteral(TASK_OUTCOMES),
  /** The task table's sort column and direction. */
  tsort: parseAsString,
  tdir: parseAsStringLiteral(SORT_DIRECTIONS),
  cellNode: parseAsString,
  cellAt: parseAsIsoDateTime,
  cellTo: parseAsIsoDateTime,
  sig: parseAsString,
};

/** The audit log's filters and page; a filtered audit link pasted into a ticket shows the same records. */
export const auditViewParams = {
  node: parseAsString,
  pool: parseAsString,
  actor: parseAsString,
  action: parseAsStringLiteral(AUDIT_ACTIONS),
  from: parseAsIsoDateTime,
  to: parseAsIsoDateTime,
  cursor: parseAsString,
  /** "operation": one row per operation (its nodes expandable) instead of one per node. */
  group: parseAsStringLiteral(["operation"] as const),
};

/** A window as the API takes it: absolute from/to when pinned, else the relative span. */
export function windowQuery(w: { window: string; from: Date | null; to: Date | null }): Record<string, string> {
  if (w.from && w.to) return { from: w.from.toISOString(), to: w.to.toISOString() };
  return { window: w.window };
}
