"use client";

import { signatureLabel } from "@/lib/failures/signature-note";
import { Badge } from "@/components/ui/badge";
import { CategoryBadge } from "@/components/ui/badges";
import { Button } from "@/components/ui/button";
import { TextLink } from "@/components/ui/text-link";
import { TruncatedId, NODE_ID_CUT } from "@/components/ui/truncated-id";
import { formatDuration, formatTime } from "@/lib/format";
import { paths } from "@/lib/links/paths";
import type { FailureSignature } from "@/lib/schemas/signatures";

/** Node names shown per signature; the rest are counted ("and 37 more"). */
const NODES_SHOWN = 3;
const JOBS_SHOWN = 3;
/** Batch's code for "the command exited non-zero": the exit code badge already says it. */
const EXIT_CODE_FAILURE = "FailureExitCode";

/** "12m ago", counted from the service's time of the read, so it agrees with "as of". */
function Seen({ label, at, asOf }: { label: string; at: number; asOf: number }) {
  return (
    <span>
      {label} <time dateTime={new Date(at).toISOString()}>{formatDuration(Math.max(0, asOf - at))} ago</time>{" "}
      <span className="text-slate-600 dark:text-slate-300">({formatTime(at)})</span>
    </span>
  );
}

function Names({ names, shown, href, what }: { names: string[]; shown: number; href?: (name: string) => string; what: string }) {
  const rest = names.length - shown;
  return (
    <span className="inline-flex flex-wrap items-baseline gap-x-2">
      <span>
        {names.length} {what}
        {names.length === 1 ? "" : "s"}:
      </span>
      {names.slice(0, shown).map((n) => (
        <span key={n} className="font-mono">
          {href ? (
            // The cut id renders in two pieces; the label gives assistive tech the whole id as one word.
            <TextLink prefetch={false} href={href(n)} title={n} aria-label={n}>
              <TruncatedId id={n} {...NODE_ID_CUT} />
            </TextLink>
          ) : (
            <TruncatedId id={n} {...NODE_ID_CUT} />
          )}
        </span>
      ))}
      {rest > 0 && <span className="text-slate-600 dark:text-slate-300">and {rest} more</span>}
    </span>
  );
}

/**
 * One signature: its masked line (a button that filters the heatmap to it), what kind of failure it is,
 * how many tasks on which nodes and jobs, when it was first and last seen, and one task's own line.
 * Every piece of log text is rendered as text, never as HTML.
 */
export function SignatureItem({
  account,
  poolId,
  s,
  asOf,
  selected,
  onSelect,
}: {
  account: string;
  poolId?: string;
  s: FailureSignature;
  asOf: number;
  selected: boolean;
  onSelect: () => void;
}) {
  const quiet = s.source !== "stderr";
  return (
    <li
      data-signature-id={s.id}
      data-testid="signature"
      className={`space-y-1 rounded-md border p-2 text-sm ${selected ? "border-blue-600 bg-blue-50 dark:border-blue-400 dark:bg-blue-950" : "border-slate-200 dark:border-slate-800"}`}
    >
      <div className="flex flex-wrap items-baseline gap-2">
        <span className="min-w-[4.5rem] text-lg font-semibold tabular-nums" data-testid="signature-count">
          {s.count.toLocaleString("en-US")}
        </span>
        {s.newest && (
          <span title="First failed this way in the window's last quarter, while other signatures were failing before" data-testid="signature-new">
            <Badge tone="warn">new</Badge>
          </span>
        )}
        <CategoryBadge category={s.category} />
        {s.exitCode !== undefined && <Badge tone="quiet">exit {s.exitCode}</Badge>}
        {s.code && s.code !== EXIT_CODE_FAILURE && <Badge tone="quiet">{s.code}</Badge>}
        <Button
          variant="ghost"
          size="inline"
          aria-pressed={selected}
          title={selected ? "Showing only this signature on the heatmap" : "Show only this signature on the heatmap"}
          onClick={onSelect}
          className={`min-w-0 text-left break-all whitespace-normal ${quiet ? "text-slate-600 italic dark:text-slate-300" : "font-mono"}`}
          data-testid="signature-line"
        >
          {signatureLabel(s)}
        </Button>
      </div>
      <div className="flex flex-wrap gap-x-4 gap-y-1 text-slate-700 dark:text-slate-200">
        <Names names={s.nodes} shown={NODES_SHOWN} what="node" href={poolId ? (n) => paths.node(account, poolId, n) : undefined} />
        <Names names={s.jobs} shown={JOBS_SHOWN} what="job" href={(j) => paths.job(account, j)} />
        <Seen label="first in this window" at={s.firstSeen} asOf={asOf} />
        <Seen label="last" at={s.lastSeen} asOf={asOf} />
        {s.sampled < s.count && (
          <span className="text-slate-600 dark:text-slate-300">
            stderr read for {s.sampled} of {s.count}
          </span>
        )}
      </div>
      {s.example !== undefined && s.exampleTask && (
        <div className="flex min-w-0 flex-wrap items-baseline gap-x-2">
          <span className="text-slate-600 dark:text-slate-300">example</span>
          <TextLink prefetch={false} href={paths.task(account, s.exampleTask.jobId, s.exampleTask.taskId)} className="font-mono">
            {s.exampleTask.taskId}
          </TextLink>
          <code className="min-w-0 break-all text-slate-800 dark:text-slate-100" data-testid="signature-example">
            {s.example}
          </code>
        </div>
      )}
    </li>
  );
}
