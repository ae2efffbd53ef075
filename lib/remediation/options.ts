import { TASK_OPTIONS, type NodeAction, type TaskOption } from "@/lib/schemas/remediation";

/** Words for buttons, dialogs and the audit log. */
export const ACTION_LABELS: Record<NodeAction, string> = {
  reboot: "Reboot",
  reimage: "Reimage",
  remove: "Remove from pool",
  disableScheduling: "Disable scheduling",
  enableScheduling: "Enable scheduling",
  deallocate: "Deallocate",
  start: "Start",
};

/**
 * Batch's options for running tasks per action (the REST reference's node operations): disable scheduling has no
 * retaineddata, and enable scheduling takes no option at all.
 */
export const ACTION_OPTIONS: Record<NodeAction, readonly TaskOption[]> = {
  reboot: TASK_OPTIONS,
  reimage: TASK_OPTIONS,
  remove: TASK_OPTIONS,
  disableScheduling: ["requeue", "terminate", "taskcompletion"],
  enableScheduling: [],
  // Deallocate takes reboot's options (BatchNodeDeallocateOption); start takes none (2025-06-01).
  deallocate: TASK_OPTIONS,
  start: [],
};

/** Batch's own default for every action that takes an option. */
export const DEFAULT_OPTION: TaskOption = "requeue";

export function optionsFor(action: NodeAction): readonly TaskOption[] {
  return ACTION_OPTIONS[action];
}

export function defaultOptionFor(action: NodeAction): TaskOption | undefined {
  return ACTION_OPTIONS[action].length > 0 ? DEFAULT_OPTION : undefined;
}

export type OptionCheck = { ok: true; option: TaskOption | undefined } | { ok: false; message: string };

/** The option to send: the given one if the action takes it, the default if none was given. */
export function resolveOption(action: NodeAction, option: TaskOption | undefined): OptionCheck {
  const allowed = ACTION_OPTIONS[action];
  if (option === undefined) return { ok: true, option: defaultOptionFor(action) };
  if (allowed.length === 0) return { ok: false, message: `option: ${ACTION_LABELS[action].toLowerCase()} takes no option` };
  if (!allowed.includes(option))
    return {
      ok: false,
      message: `option: ${option} is not an option of ${ACTION_LABELS[action].toLowerCase()} (use ${allowed.join(", ")})`,
    };
  return { ok: true, option };
}

/** What the action does to the node once its tasks are dealt with. */
const WHEN: Record<Exclude<NodeAction, "enableScheduling" | "start">, string> = {
  reboot: "the node restarts",
  deallocate: "the node's VM is stopped and deallocated (it stays in the pool, runs nothing and can be started again)",
  reimage: "the node's operating system is reinstalled",
  remove: "the node leaves the pool",
  disableScheduling: "the node takes no new tasks",
};

/** One plain sentence per option: what it does to the tasks running on the node. */
export function describeOption(action: NodeAction, option: TaskOption | undefined): string {
  if (action === "enableScheduling") return "Running tasks are not touched; the node takes new tasks again.";
  if (action === "start") return "The deallocated node's VM starts again: it boots, runs its start task and then takes tasks.";
  const when = WHEN[action];
  switch (option ?? DEFAULT_OPTION) {
    case "requeue":
      return action === "disableScheduling"
        ? "Running tasks are stopped now and put back in the queue; they run again on another node, or here once scheduling is enabled again."
        : `Running tasks are stopped now and put back in the queue to run again on another node; then ${when}.`;
    case "terminate":
      return `Running tasks are stopped now and marked completed with a failure (terminated); they will not run again. Then ${when}.`;
    case "taskcompletion":
      return `Running tasks are allowed to finish, and no new task starts here; ${when} when the last one completes.`;
    case "retaineddata":
      return `Running tasks are allowed to finish, then Batch waits until their retained files may be deleted; ${when} after that.`;
  }
}

/** A short phrase for one running task in the dialog's list: what will happen to it. */
export function taskFate(action: NodeAction, option: TaskOption | undefined): string {
  if (action === "enableScheduling" || action === "start") return "keeps running";
  switch (option ?? DEFAULT_OPTION) {
    case "requeue":
      return "stopped and requeued (runs again; requeue count +1)";
    case "terminate":
      return "stopped and completed as failed; will not run again";
    case "taskcompletion":
      return "runs to completion first";
    case "retaineddata":
      return "runs to completion; its files are kept until their retention ends";
  }
}

/** stderr tails saved per node before a reimage or removal: the most recent failures say what went wrong. */
export const EVIDENCE_TASKS = 5;

/**
 * What happens to the node's files, for the actions that wipe them; undefined for the others. The operator
 * must know before confirming that most task logs go with the node (lib/server/remediation/evidence.ts saves the rest).
 */
export function filesFate(action: NodeAction): string | undefined {
  if (action !== "reimage" && action !== "remove") return undefined;
  const wiped =
    action === "remove" ? "Every file on the node (task logs, outputs) goes with it." : "A reimage wipes every file on the node (task logs, outputs).";
  return (
    `${wiped} Batchscope first saves, with the audit record, the node's state and the last 64 KiB of stderr.txt of its ` +
    `${EVIDENCE_TASKS} most recently failed tasks (of the few Batch lists as the node's recent tasks); other tasks' logs cannot be read afterwards.`
  );
}
