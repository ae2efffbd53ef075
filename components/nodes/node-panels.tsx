import { NodeStateBadge } from "@/components/ui/badges";
import { formatTime } from "@/lib/format";
import type { NodeDetailResponse } from "@/lib/schemas/nodes";
import { nodeErrorHint, sinceText } from "@/lib/display/node-facts";

type NodeDetail = NodeDetailResponse["node"];
const dt = "text-slate-600 dark:text-slate-400";

/** State and scheduling state with since-when, and what kind of machine it is. */
export function NodeStateFacts({ node, asOf }: { node: NodeDetail; asOf: string }) {
  const now = Date.parse(asOf);
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
      <dt className={dt}>State</dt>
      <dd data-testid="node-state">
        <NodeStateBadge state={node.state} /> <span>{sinceText(node.stateTransitionTime, now)}</span>
        {node.stateTransitionTime && <span className="text-slate-600 dark:text-slate-400"> (since {formatTime(node.stateTransitionTime)})</span>}
      </dd>
      <dt className={dt}>Scheduling</dt>
      <dd data-testid="scheduling-state">
        {node.schedulingState}
        {node.schedulingState === "disabled" && <span className="text-slate-600 dark:text-slate-400"> — no new tasks are placed on it</span>}
      </dd>
      <dt className={dt}>Running tasks</dt>
      <dd>
        {node.runningTasks} ({node.runningTaskSlots} slots)
      </dd>
      <dt className={dt}>Tasks run</dt>
      <dd>
        {node.totalTasksRun} run, {node.totalTasksSucceeded} succeeded
      </dd>
      <dt className={dt}>VM</dt>
      <dd>
        {node.vmSize ?? "—"}, {node.isDedicated ? "dedicated" : "Spot / low priority"}
        {node.ipAddress ? `, ${node.ipAddress}` : ""}
      </dd>
      <dt className={dt}>Allocated</dt>
      <dd>{formatTime(node.allocationTime)}</dd>
      <dt className={dt}>Last boot</dt>
      <dd>{formatTime(node.lastBootTime)}</dd>
      <dt className={dt}>Node agent</dt>
      <dd>{node.nodeAgentVersion ?? "—"}</dd>
    </dl>
  );
}

/** Node errors: what to do about each, with Batch's code, message and details raw. */
export function NodeErrors({ errors }: { errors: NodeDetail["errors"] }) {
  if (errors.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">Batch reports no errors on this node.</p>;
  return (
    <ul className="space-y-3" data-testid="node-errors">
      {errors.map((e, i) => {
        const hint = nodeErrorHint(e.code);
        return (
          <li key={i} className="space-y-1 rounded-md border border-red-200 p-3 text-sm dark:border-red-900">
            <p>
              <span className="font-mono font-semibold">{e.code || "(no code)"}</span>: {e.message}
            </p>
            {hint && <p className="font-medium">{hint}</p>}
            {e.details.length > 0 && (
              <dl className="grid grid-cols-[max-content_1fr] gap-x-3 font-mono text-xs">
                {e.details.map((d, j) => (
                  <div key={j} className="contents">
                    <dt className={dt}>{d.name}</dt>
                    <dd className="break-all">{d.value}</dd>
                  </div>
                ))}
              </dl>
            )}
          </li>
        );
      })}
    </ul>
  );
}
