import type { AuditRecord } from "@/lib/schemas/audit";
import type { NodeDetailResponse } from "@/lib/schemas/nodes";
import type { NodeFailuresResponse } from "@/lib/schemas/node-failures";

/**
 * The node's timeline: what is known of its state changes (from the node itself and from the audit log
 * of what Batchscope did to it) and its failed tasks, placed on one time axis over the page's window.
 * Pure, so the placement and the tick labels are tested without a browser.
 */

export type TimelineKind = "allocated" | "boot" | "state" | "startTask" | "action" | "failure";

export interface TimelineEvent {
  at: number;
  kind: TimelineKind;
  label: string;
  /** Failures link to their task; actions to their audit record. */
  task?: { jobId: string; taskId: string };
  recordId?: string;
}

type Node = NodeDetailResponse["node"];
type Failure = NodeFailuresResponse["tasks"][number];

const time = (iso: string | undefined) => (iso === undefined ? undefined : Date.parse(iso));

/** Every dated thing known about the node, oldest first. Node errors carry no time in Batch, so they are not here. */
export function nodeTimelineEvents(
  node: Node,
  records: readonly AuditRecord[],
  failures: readonly Failure[],
  actionLabel: (r: AuditRecord) => string,
): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  const add = (at: number | undefined, kind: TimelineKind, label: string, extra: Partial<TimelineEvent> = {}) => {
    if (at !== undefined && Number.isFinite(at)) events.push({ at, kind, label, ...extra });
  };
  add(time(node.allocationTime), "allocated", "Allocated to the pool");
  add(time(node.lastBootTime), "boot", "Last boot");
  add(time(node.stateTransitionTime), "state", `State became ${node.state}`);
  if (node.startTask) {
    add(time(node.startTask.startTime), "startTask", "Start task started");
    const result = node.startTask.result ?? (node.startTask.exitCode === undefined ? "" : `exit code ${node.startTask.exitCode}`);
    add(time(node.startTask.endTime), "startTask", `Start task ended${result ? ` (${result})` : ""}`);
  }
  for (const r of records) add(time(r.time), "action", `${actionLabel(r)} by ${r.actor} (${r.outcome})`, { recordId: r.id });
  for (const f of failures)
    add(f.endTime, "failure", `${f.jobId}/${f.taskId} failed: ${f.category}${f.exitCode !== undefined ? `, exit code ${f.exitCode}` : ""}`, {
      task: { jobId: f.jobId, taskId: f.taskId },
    });
  return events.sort((a, b) => a.at - b.at);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const STEPS = [MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY];

/** The smallest round step that gives at most `maxTicks` ticks over the span. */
export function tickStep(spanMs: number, maxTicks: number): number {
  return STEPS.find((s) => spanMs / s <= maxTicks) ?? Math.ceil(spanMs / maxTicks / DAY) * DAY;
}

/**
 * A tick's label in UTC: the clock (10:15) within a day, the date and clock (Nov 27 10:00) beyond. A
 * midnight has its date within a day too: "00:00" alone does not say which day began.
 */
export function tickLabel(t: number, spanMs: number): string {
  const iso = new Date(t).toISOString();
  if (spanMs <= DAY && t % DAY !== 0) return iso.slice(11, 16);
  const d = new Date(t);
  const month = d.toLocaleString("en-US", { month: "short", timeZone: "UTC" });
  return `${month} ${d.getUTCDate()} ${iso.slice(11, 16)}`;
}

export interface PlacedEvent extends TimelineEvent {
  /** 0 at the window's start, 1 at its end. */
  x: number;
}

export interface TimelineLayout {
  from: number;
  to: number;
  ticks: { x: number; at: number; label: string }[];
  /** Events inside the window, placed. */
  marks: PlacedEvent[];
  /** Events before the window: listed, not drawn (the axis is the window's). */
  before: TimelineEvent[];
}

/** Places events on the window's axis with round, labelled ticks (UTC). */
export function layoutTimeline(events: readonly TimelineEvent[], window: { from: number; to: number }, maxTicks = 6): TimelineLayout {
  const { from, to } = window;
  const span = Math.max(1, to - from);
  const step = tickStep(span, maxTicks);
  const ticks: TimelineLayout["ticks"] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) ticks.push({ x: (t - from) / span, at: t, label: tickLabel(t, span) });
  const marks: PlacedEvent[] = [];
  const before: TimelineEvent[] = [];
  for (const e of events) {
    if (e.at < from) before.push(e);
    // An event a moment after the window's end (the node read is newer than the task read) sits at the end.
    else marks.push({ ...e, x: Math.min(1, (e.at - from) / span) });
  }
  return { from, to, ticks, marks, before };
}
