import { CategoryBadge } from "@/components/ui/badges";
import { formatTime } from "@/lib/format";
import type { TaskDetail } from "@/lib/schemas/tasks";
import { Badge } from "@/components/ui/badge";

const OUTCOME_TEXT: Record<string, string> = {
  succeeded: "The task succeeded.",
  running: "The task is running.",
  waiting: "The task is waiting for a node.",
};

/**
 * The answer first: the category with its explanation and next step, the exit code explained, and what
 * Batch itself said (failureInfo, raw and never hidden) beside it.
 */
export function VerdictBox({ task }: { task: TaskDetail }) {
  const c = task.classification;
  const failed = c.outcome === "failed";
  return (
    <div className="grid gap-4 lg:grid-cols-2" data-testid="verdict">
      <div className="space-y-2">
        {failed ? (
          <>
            <p className="flex flex-wrap items-center gap-2 text-base">
              <span className="text-sm text-slate-600 dark:text-slate-400">Category</span>
              {c.category && <CategoryBadge category={c.category} />}
            </p>
            {c.explanation && (
              <p className="text-base font-medium" data-testid="explanation">
                {c.explanation}
              </p>
            )}
            {c.nextStep && (
              <p data-testid="next-step" className="rounded-md border-l-4 border-blue-600 bg-blue-50 px-3 py-2 text-sm dark:border-blue-400 dark:bg-blue-950">
                <strong>Next step: </strong>
                {c.nextStep}
              </p>
            )}
          </>
        ) : (
          <p className="text-base font-medium">{OUTCOME_TEXT[c.outcome]}</p>
        )}
        <ExitCode task={task} />
        <Markers task={task} />
      </div>
      <RawFailureInfo task={task} />
    </div>
  );
}

/**
 * The exit code, and what it means unless the explanation above already says it: for an Application failure
 * the explanation is "The command line exited with code 137: killed by signal 9 …", and the same words
 * again under it read as a second, separate finding.
 */
function ExitCode({ task }: { task: TaskDetail }) {
  const { exitCodeMeaning, explanation } = task.classification;
  const meaning = exitCodeMeaning && explanation?.includes(exitCodeMeaning) ? undefined : exitCodeMeaning;
  const explained = meaning !== exitCodeMeaning;
  if (task.exitCode === undefined) {
    if (task.classification.outcome !== "failed") return null;
    return (
      <p className="text-sm" data-testid="exit-code">
        Exit code: none. The command line never ran to an exit.
      </p>
    );
  }
  return (
    <p className="text-sm" data-testid="exit-code">
      Exit code <span className="font-mono font-semibold">{task.exitCode}</span>
      {meaning ? <>: {meaning}</> : explained ? null : task.exitCode !== 0 ? ": the program's own code; its stderr says why." : null}
    </p>
  );
}

function Markers({ task }: { task: TaskDetail }) {
  const { interrupted, retried } = task.classification;
  if (!interrupted && !retried) return null;
  return (
    <ul className="space-y-1 text-sm" aria-label="Retries and requeues">
      {interrupted && (
        <li data-testid="interrupted">
          <Badge tone="warn">interrupted</Badge> requeued {interrupted.requeueCount} {interrupted.requeueCount === 1 ? "time" : "times"} (its node rebooted, was
          reimaged, removed or preempted)
          {interrupted.lastRequeueTime ? `, last at ${formatTime(interrupted.lastRequeueTime)}` : ""}
        </li>
      )}
      {retried && (
        <li data-testid="retried">
          <Badge tone="warn">retried</Badge> {retried.retryCount} {retried.retryCount === 1 ? "time" : "times"}
          {retried.lastRetryTime ? `, last at ${formatTime(retried.lastRetryTime)}` : ""}
        </li>
      )}
    </ul>
  );
}

function RawFailureInfo({ task }: { task: TaskDetail }) {
  const f = task.failureInfo;
  return (
    <div className="space-y-1 rounded-md border border-slate-200 p-3 text-sm dark:border-slate-800" data-testid="failure-info">
      <h3 className="font-semibold">What Batch reported</h3>
      {!f ? (
        <p className="text-slate-600 dark:text-slate-400">No failureInfo{task.result ? ` (result: ${task.result})` : ""}.</p>
      ) : (
        <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 font-mono text-xs">
          <dt className="text-slate-600 dark:text-slate-400">code</dt>
          <dd className="font-semibold">{f.code ?? "—"}</dd>
          <dt className="text-slate-600 dark:text-slate-400">category</dt>
          <dd>{f.category}</dd>
          <dt className="text-slate-600 dark:text-slate-400">message</dt>
          <dd className="break-words">{f.message ?? "—"}</dd>
          {f.details.map((d, i) => (
            <div key={i} className="contents">
              <dt className="text-slate-600 dark:text-slate-400">{d.name}</dt>
              <dd className="break-all">{d.value}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
