import { paths } from "@/lib/links/paths";
import type { NodeAction, TaskOption } from "@/lib/schemas/remediation";
import { describeOption, taskFate } from "@/lib/remediation";
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
