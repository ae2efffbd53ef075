import { TaskStateBadge } from "@/components/ui/badges";
import { CopyButton, CopyIdButton } from "@/components/ui/copy-buttons";
import { NODE_ID_CUT, TruncatedId } from "@/components/ui/truncated-id";
import { formatTime } from "@/lib/format";
import { paths } from "@/lib/links/paths";
import type { TaskDetail } from "@/lib/schemas/tasks";
import { retentionText, runTimeAgainstLimit } from "@/lib/display/task-facts";
import { sinceText } from "@/lib/display/node-facts";
import { TextLink } from "@/components/ui/text-link";

const dt = "text-slate-600 dark:text-slate-400";

/** State and timings, measured against the task's own constraints. */
export function TaskTimings({ task, asOf }: { task: TaskDetail; asOf: string }) {
  const now = Date.parse(asOf);
  const run = runTimeAgainstLimit({ ...task, maxWallClockTime: task.constraints.maxWallClockTime }, now);
  const retries = task.constraints.maxTaskRetryCount;
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
      <dt className={dt}>State</dt>
      <dd>
        <TaskStateBadge state={task.state} outcome={task.classification.outcome} />{" "}
        <span className="text-slate-600 dark:text-slate-400">{sinceText(task.stateTransitionTime, now)}</span>
      </dd>
      <dt className={dt}>Created</dt>
      <dd>{formatTime(task.creationTime)}</dd>
      <dt className={dt}>Started</dt>
      <dd>{formatTime(task.startTime)}</dd>
      <dt className={dt}>Ended</dt>
      <dd>{formatTime(task.endTime)}</dd>
      <dt className={dt}>Run time</dt>
      <dd data-testid="run-time" className={run.atLimit ? "font-semibold text-amber-800 dark:text-amber-300" : undefined}>
        {run.text}
        {run.atLimit ? " (reached maxWallClockTime)" : ""}
      </dd>
      <dt className={dt}>Requeued</dt>
      <dd data-testid="requeue-count">
        {task.requeueCount === 0 ? "never" : `${task.requeueCount} ${task.requeueCount === 1 ? "time" : "times"}`}
        {task.classification.interrupted?.lastRequeueTime ? `, last at ${formatTime(task.classification.interrupted.lastRequeueTime)}` : ""}
        {task.requeueCount > 0 ? " (its node was rebooted, reimaged, removed, disabled with requeue or preempted)" : ""}
      </dd>
      <dt className={dt}>Retries allowed</dt>
      <dd>{retries === undefined ? "—" : retries === -1 ? "unlimited" : retries}</dd>
      <dt className={dt}>Retention</dt>
      <dd>{retentionText({ ...task, retentionTime: task.constraints.retentionTime }, now)}</dd>
    </dl>
  );
}

/** Where it ran and what it ran. */
export function TaskWhere({ account, task }: { account: string; task: TaskDetail }) {
  return (
    <div className="space-y-3 text-sm">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
        <dt className={dt}>Node</dt>
        <dd className="font-mono">
          {/* Cut like the node ids in the tables, whole on hover and in the text, with its copy button always shown. */}
          {task.nodeId && task.poolId ? (
            <span className="inline-flex items-baseline">
              <TextLink tone="plain" href={paths.node(account, task.poolId, task.nodeId)} title={task.nodeId} data-testid="node-link">
                <TruncatedId id={task.nodeId} {...NODE_ID_CUT} />
              </TextLink>
              <CopyIdButton id={task.nodeId} what="node" className="opacity-100" />
            </span>
          ) : (
            <span className="font-sans text-slate-600 dark:text-slate-400">not placed on a node yet</span>
          )}
        </dd>
        <dt className={dt}>Pool</dt>
        <dd className="font-mono">{task.poolId ?? "—"}</dd>
        <dt className={dt}>Directory</dt>
        <dd className="font-mono break-all">{task.taskRootDirectory ?? "—"}</dd>
        <dt className={dt}>Slots</dt>
        <dd>{task.requiredSlots}</dd>
      </dl>
      <div>
        <div className="flex items-center justify-between gap-2">
          <h3 className="font-semibold">Command line</h3>
          <CopyButton label="Copy command" text={() => task.commandLine} />
        </div>
        <pre data-testid="command-line" className="mt-1 rounded-md bg-slate-100 p-2 font-mono text-xs break-all whitespace-pre-wrap dark:bg-slate-900">
          {task.commandLine}
        </pre>
      </div>
    </div>
  );
}

/** Resource files (downloaded before the run) and output files (uploaded after); SAS signatures arrive redacted. */
export function TaskFileSpecs({ task }: { task: TaskDetail }) {
  return (
    <div className="grid gap-4 text-sm lg:grid-cols-2">
      <div>
        <h3 className="font-semibold">Resource files ({task.resourceFiles.length})</h3>
        {task.resourceFiles.length === 0 ? (
          <p className="text-slate-600 dark:text-slate-400">None.</p>
        ) : (
          <ul className="mt-1 space-y-1 font-mono text-xs">
            {task.resourceFiles.map((r, i) => (
              <li key={i} className="break-all">
                {r.filePath ? <span className="font-semibold">{r.filePath}</span> : null}
                {r.filePath ? " ← " : ""}
                {r.source}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <h3 className="font-semibold">Output files ({task.outputFiles.length})</h3>
        {task.outputFiles.length === 0 ? (
          <p className="text-slate-600 dark:text-slate-400">None.</p>
        ) : (
          <ul className="mt-1 space-y-1 font-mono text-xs">
            {task.outputFiles.map((o, i) => (
              <li key={i} className="break-all">
                <span className="font-semibold">{o.filePattern}</span> → {o.destination}{" "}
                <span className="font-sans text-slate-600 dark:text-slate-400">(on {o.uploadCondition})</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
