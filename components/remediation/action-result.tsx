import { paths } from "@/lib/links/paths";
import type { NodeActionResult } from "@/lib/schemas/remediation";
import type { FollowStatus } from "@/lib/display/follow-nodes";
import { ACTION_LABELS } from "@/lib/remediation";
import { resizeSentence } from "@/lib/display/remediation";
import type { Submitted } from "./action-dialog";
import { OutcomeBadge } from "@/components/audit/audit-text";
import { Button } from "@/components/ui/button";
import { TextLink } from "@/components/ui/text-link";

/** One sentence for the whole result: which nodes failed is the first thing an operator needs. */
function headline(results: NodeActionResult[]): string {
  const failed = results.filter((r) => r.outcome === "failed").length;
  const done = results.filter((r) => r.outcome === "accepted" || r.outcome === "alreadyDone").length;
  if (failed === 0) return `Batch took the action for ${done} of ${results.length} ${results.length === 1 ? "node" : "nodes"}.`;
  return `${failed} of ${results.length} ${results.length === 1 ? "node" : "nodes"} failed; ${done} went through.`;
}

/** The result per node with its audit record, the live follow of the nodes acted on, and the tasks affected. */
export function ActionResult({
  account,
  submitted,
  follow,
  onDismiss,
}: {
  account: string;
  submitted: Submitted;
  follow: FollowStatus | null;
  onDismiss: () => void;
}) {
  const { response, tasks } = submitted;
  return (
    <section
      aria-labelledby="action-result-heading"
      data-testid="action-result"
      className="space-y-2 rounded-md border border-slate-300 p-3 text-sm dark:border-slate-700"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id="action-result-heading" className="font-semibold">
          {ACTION_LABELS[response.action]}
          {response.option ? ` (${response.option})` : ""}: {headline(response.results)}
        </h3>
        <Button onClick={onDismiss}>Dismiss</Button>
      </div>
      {follow && (
        <p role="status" data-testid="follow-status" data-settled={follow.settled} className={follow.settled ? "font-medium" : "italic"}>
          {follow.text}
        </p>
      )}
      <ul className="space-y-1" data-testid="action-results">
        {response.results.map((r) => (
          <li key={r.nodeId} data-testid="action-result-node" data-outcome={r.outcome} className="flex flex-wrap items-baseline gap-x-2">
            <span className="font-mono">{r.nodeId}</span>
            <OutcomeBadge outcome={r.outcome} />
            {r.explanation && <span>{r.explanation}</span>}
            {r.error && <span className="font-mono text-xs">{r.error.code ?? r.error.kind}</span>}
            {(r.requestId ?? r.error?.requestId) && (
              <span className="font-mono text-xs">
                request-id <span data-testid="result-request-id">{r.requestId ?? r.error?.requestId}</span>
              </span>
            )}
            <TextLink href={paths.auditRecord(account, r.recordId)}>audit record</TextLink>
          </li>
        ))}
      </ul>
      {response.resize && (
        <p data-testid="resize-result" data-outcome={response.resize.outcome} className="flex flex-wrap items-baseline gap-x-2">
          <span>{resizeSentence(response.resize)}</span>
          <OutcomeBadge outcome={response.resize.outcome} />
          {response.resize.error && <span className="font-mono text-xs">{response.resize.error.code ?? response.resize.error.kind}</span>}
          <TextLink href={paths.auditRecord(account, response.resize.recordId)}>audit record</TextLink>
        </p>
      )}
      {tasks.length > 0 && (
        <details>
          <summary className="cursor-pointer">Tasks that were running on them ({tasks.length})</summary>
          <ul className="mt-1 max-h-48 overflow-y-auto" data-testid="affected-tasks">
            {tasks.map((t) => (
              <li key={`${t.jobId}/${t.taskId}`}>
                <TextLink href={paths.task(account, t.jobId, t.taskId)} className="font-mono">
                  {t.jobId}/{t.taskId}
                </TextLink>{" "}
                (was on <span className="font-mono">{t.nodeId}</span>)
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
