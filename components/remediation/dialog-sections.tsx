import { paths } from "@/lib/links/paths";
import type { NodeAction, PoolTargets, TaskOption } from "@/lib/schemas/remediation";
import { capacityNote, describeOption, keepCapacityLabel, targetDropLines, targetsAfterRemoval, taskFate } from "@/lib/remediation";
import { Checkbox } from "@/components/ui/input";
import type { ExcludedNode } from "@/lib/display/remediation";
import { TextLink } from "@/components/ui/text-link";

const SHOWN = 50;

/** Batch's options for the running tasks, each with what it does in plain words. */
export function OptionChoice({
  action,
  options,
  value,
  onChange,
  disabled,
}: {
  action: NodeAction;
  options: readonly TaskOption[];
  value: TaskOption | undefined;
  onChange: (o: TaskOption) => void;
  disabled: boolean;
}) {
  return (
    <fieldset className="space-y-2" disabled={disabled}>
      <legend className="text-sm font-semibold">What happens to the running tasks</legend>
      {options.map((o) => (
        <label key={o} className="flex gap-2 rounded border border-slate-200 p-2 text-sm has-[:checked]:border-blue-600 dark:border-slate-700">
          <input type="radio" name="option" value={o} checked={value === o} onChange={() => onChange(o)} className="mt-1" />
          <span>
            <span className="font-mono font-semibold">{o}</span>
            {o === "requeue" ? " (Batch's default)" : ""}: {describeOption(action, o)}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** The tasks running now on the nodes acted on, and what the chosen option will do to each. */
export function RunningTasks({
  account,
  action,
  option,
  tasks,
}: {
  account: string;
  action: NodeAction;
  option: TaskOption | undefined;
  tasks: { jobId: string; taskId: string; nodeId: string }[];
}) {
  const fate = taskFate(action, option);
  return (
    <section aria-labelledby="running-tasks-heading" className="space-y-1 text-sm">
      <h3 id="running-tasks-heading" className="font-semibold">
        Tasks running on these nodes now ({tasks.length})
      </h3>
      {tasks.length === 0 ? (
        <p className="text-slate-600 dark:text-slate-300">None: no task is affected.</p>
      ) : (
        <ul className="max-h-48 space-y-0.5 overflow-y-auto" data-testid="running-tasks">
          {tasks.slice(0, SHOWN).map((t) => (
            <li key={`${t.jobId}/${t.taskId}`}>
              <TextLink href={paths.task(account, t.jobId, t.taskId)} className="font-mono" target="_blank">
                {t.jobId}/{t.taskId}
              </TextLink>{" "}
              on <span className="font-mono">{t.nodeId}</span>: {fate}
            </li>
          ))}
          {tasks.length > SHOWN && <li>… and {tasks.length - SHOWN} more, treated the same way.</li>}
        </ul>
      )}
    </section>
  );
}

/** Selected nodes the action cannot be sent to now: left out, each with the reason. */
export function ExcludedNodes({ excluded }: { excluded: ExcludedNode[] }) {
  if (excluded.length === 0) return null;
  return (
    <section
      aria-labelledby="excluded-heading"
      className="space-y-1 rounded border border-amber-300 bg-amber-50 p-2 text-sm dark:border-amber-800 dark:bg-amber-950"
    >
      <h3 id="excluded-heading" className="font-semibold">
        Left out: not possible for {excluded.length} selected {excluded.length === 1 ? "node" : "nodes"}
      </h3>
      <ul data-testid="excluded-nodes">
        {excluded.slice(0, SHOWN).map((e) => (
          <li key={e.nodeId}>
            <span className="font-mono">{e.nodeId}</span>: {e.reason}
          </li>
        ))}
        {excluded.length > SHOWN && <li>… and {excluded.length - SHOWN} more.</li>}
      </ul>
    </section>
  );
}

/** Every node the action goes to, by id: a long list scrolls rather than being cut. */
export function TargetNodes({ nodes }: { nodes: { nodeId: string; state?: string | undefined }[] }) {
  if (nodes.length === 0) return null;
  return (
    <section aria-labelledby="target-nodes-heading" className="space-y-1 text-sm">
      <h3 id="target-nodes-heading" className="font-semibold">
        {nodes.length === 1 ? "The node" : `The ${nodes.length} nodes`}
      </h3>
      <ul className="max-h-40 space-y-0.5 overflow-y-auto rounded border border-slate-200 p-2 dark:border-slate-700" data-testid="target-nodes" tabIndex={0}>
        {nodes.map((n) => (
          <li key={n.nodeId} className="font-mono break-all">
            {n.nodeId}
            {n.state && <span className="ml-2 font-sans break-normal whitespace-nowrap text-slate-600 dark:text-slate-300">({n.state})</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A removal's effect on the pool's size, and the offer to resize it back afterwards. */
export function CapacitySection({
  before,
  nodes,
  keep,
  onKeep,
  disabled,
}: {
  before: PoolTargets;
  nodes: readonly { dedicated?: boolean | undefined }[];
  keep: boolean;
  onKeep: (keep: boolean) => void;
  disabled: boolean;
}) {
  const lines = targetDropLines(before, targetsAfterRemoval(before, nodes));
  return (
    <section aria-labelledby="capacity-heading" className="space-y-2 text-sm" data-testid="capacity">
      <h3 id="capacity-heading" className="font-semibold">
        Pool size
      </h3>
      {lines.map((l) => (
        <p key={l} data-testid="target-drop">
          {l} Batch lowers the pool&apos;s target by every node it removes.
        </p>
      ))}
      <label className="flex items-start gap-2">
        <Checkbox checked={keep} disabled={disabled} onChange={(e) => onKeep(e.target.checked)} className="mt-1" data-testid="keep-capacity" />
        <span>{keepCapacityLabel(before)}</span>
      </label>
      <p className="text-slate-600 dark:text-slate-300">{capacityNote(before, keep)}</p>
    </section>
  );
}
