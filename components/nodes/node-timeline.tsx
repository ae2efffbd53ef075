"use client";

import { Panel } from "@/components/ui/panel";
import { TextLink } from "@/components/ui/text-link";
import { auditActionLabel } from "@/lib/display/audit";
import { layoutTimeline, nodeTimelineEvents, type PlacedEvent, type TimelineEvent, type TimelineKind } from "@/lib/display/node-timeline";
import { formatTime } from "@/lib/format";
import { paths } from "@/lib/links/paths";
import type { AuditRecord } from "@/lib/schemas/audit";
import type { NodeDetailResponse } from "@/lib/schemas/nodes";
import type { NodeFailuresResponse } from "@/lib/schemas/node-failures";

/** Three lanes on one axis: what Batch says of the node, what Batchscope did to it, and what failed on it. */
const LANES: { name: string; kinds: TimelineKind[] }[] = [
  { name: "Node", kinds: ["allocated", "boot", "state", "startTask"] },
  { name: "Actions", kinds: ["action"] },
  { name: "Failures", kinds: ["failure"] },
];
const LABEL_W = 80;
const W = 1000;
const LANE_H = 24;
const AXIS_Y = LANES.length * LANE_H + 6;
const H = AXIS_Y + 22;

const MARK_CLASS: Record<TimelineKind, string> = {
  allocated: "fill-slate-500 dark:fill-slate-300",
  boot: "fill-sky-700 dark:fill-sky-300",
  state: "fill-slate-700 dark:fill-slate-200",
  startTask: "fill-emerald-700 dark:fill-emerald-300",
  action: "fill-blue-700 dark:fill-blue-300",
  failure: "fill-red-700 dark:fill-red-400",
};

const hrefOf = (account: string, e: TimelineEvent) =>
  e.task ? paths.task(account, e.task.jobId, e.task.taskId) : e.recordId ? paths.auditRecord(account, e.recordId) : undefined;

function Mark({ account, e, lane }: { account: string; e: PlacedEvent; lane: number }) {
  const x = LABEL_W + e.x * (W - LABEL_W);
  const y = lane * LANE_H + 4;
  const label = `${formatTime(e.at)}: ${e.label}`;
  const shape =
    e.kind === "failure" ? (
      <rect x={x - 2} y={y} width={4} height={LANE_H - 8} className={MARK_CLASS[e.kind]} />
    ) : (
      <circle cx={x} cy={y + (LANE_H - 8) / 2} r={5} className={MARK_CLASS[e.kind]} />
    );
  const href = hrefOf(account, e);
  return href ? (
    <a href={href} aria-label={label}>
      <title>{label}</title>
      {shape}
    </a>
  ) : (
    <g role="img" aria-label={label}>
      <title>{label}</title>
      {shape}
    </g>
  );
}

/**
 * The node's state changes, Batchscope's actions on it and its failed tasks on one horizontal time axis
 * over the page's window, with UTC tick labels; the same events as a list below for reading and for
 * screen readers. Node errors carry no time in Batch and stay in their own panel.
 */
export function NodeTimeline({
  account,
  node,
  records,
  failures,
}: {
  account: string;
  node: NodeDetailResponse["node"];
  records: readonly AuditRecord[];
  failures: NodeFailuresResponse | undefined;
}) {
  if (!failures) return null;
  const events = nodeTimelineEvents(node, records, failures.tasks, (r) => auditActionLabel(r.action));
  const layout = layoutTimeline(events, failures.window);
  return (
    <Panel id="node-timeline" title="Timeline">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="h-auto w-full text-slate-700 dark:text-slate-200"
        role="group"
        aria-label={`Timeline from ${formatTime(layout.from)} to ${formatTime(layout.to)}: ${layout.marks.length} events`}
        data-testid="node-timeline"
      >
        {LANES.map((lane, i) => (
          <g key={lane.name}>
            <text x={0} y={i * LANE_H + 16} className="fill-current text-[12px]">
              {lane.name}
            </text>
            <line x1={LABEL_W} x2={W} y1={i * LANE_H + LANE_H / 2} y2={i * LANE_H + LANE_H / 2} className="stroke-slate-200 dark:stroke-slate-700" />
          </g>
        ))}
        <line x1={LABEL_W} x2={W} y1={AXIS_Y} y2={AXIS_Y} className="stroke-slate-500" />
        {layout.ticks.map((t) => {
          const x = LABEL_W + t.x * (W - LABEL_W);
          return (
            <g key={t.at} data-testid="timeline-tick">
              <line x1={x} x2={x} y1={AXIS_Y} y2={AXIS_Y + 4} className="stroke-slate-500" />
              <text x={x} y={AXIS_Y + 17} textAnchor={t.x > 0.97 ? "end" : "middle"} className="fill-current text-[12px]">
                {t.label}
              </text>
            </g>
          );
        })}
        {layout.marks.map((e, i) => (
          <Mark key={i} account={account} e={e} lane={LANES.findIndex((l) => l.kinds.includes(e.kind))} />
        ))}
      </svg>
      <details>
        <summary className="cursor-pointer text-sm">The {events.length} events as a list (UTC)</summary>
        <ol className="mt-1 space-y-0.5 text-sm" data-testid="timeline-list">
          {events.map((e, i) => {
            const href = hrefOf(account, e);
            return (
              <li key={i} data-kind={e.kind}>
                <span className="font-mono text-xs">{formatTime(e.at)}</span> {href ? <TextLink href={href}>{e.label}</TextLink> : e.label}
                {e.at < layout.from && <span className="text-slate-600 dark:text-slate-300"> (before the window)</span>}
              </li>
            );
          })}
        </ol>
      </details>
    </Panel>
  );
}
