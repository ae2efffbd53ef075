"use client";

import { useQuery } from "@tanstack/react-query";
import { LogTail } from "@/components/logs/log-tail";
import { formatTime } from "@/lib/format";
import { api, paths } from "@/lib/links/paths";
import { batchQueries } from "@/lib/queries/batch";
import type { NodeDetailResponse } from "@/lib/schemas/nodes";
import { startTaskSummary } from "@/lib/display/node-facts";
import { TextLink } from "@/components/ui/text-link";

type NodeDetail = NodeDetailResponse["node"];
const dt = "text-slate-600 dark:text-slate-400";

/** The start task explained; when it failed, the tail of startup/stderr.txt says why. */
export function StartTaskInfo({ account, node }: { account: string; node: NodeDetail }) {
  const st = node.startTask;
  const summary = startTaskSummary(st);
  const files = useQuery(batchQueries.nodeFiles(account, node.poolId, node.id));
  const stderr = files.data?.files.find((f) => f.name === "startup/stderr.txt");
  return (
    <div className="space-y-3 text-sm">
      <p data-testid="start-task-summary" className={summary.failed ? "font-medium text-red-800 dark:text-red-300" : undefined}>
        {summary.text}
      </p>
      {st && (
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
          <dt className={dt}>State</dt>
          <dd>
            {st.state}
            {st.result ? `, result ${st.result}` : ""}
          </dd>
          <dt className={dt}>Exit code</dt>
          <dd>
            <span className="font-mono">{st.exitCode ?? "—"}</span>
            {summary.exitMeaning ? `: ${summary.exitMeaning}` : ""}
          </dd>
          {st.failureInfo && (
            <>
              <dt className={dt}>Failure</dt>
              <dd className="font-mono text-xs">
                <span className="font-semibold">{st.failureInfo.code ?? "—"}</span> ({st.failureInfo.category}) {st.failureInfo.message}
                {st.failureInfo.details.map((d, i) => (
                  <span key={i} className="block break-all">
                    {d.name}: {d.value}
                  </span>
                ))}
              </dd>
            </>
          )}
          <dt className={dt}>Retries</dt>
          <dd>{st.retryCount}</dd>
          <dt className={dt}>Ran</dt>
          <dd>
            {formatTime(st.startTime)} – {formatTime(st.endTime)}
          </dd>
        </dl>
      )}
      {node.startTaskCommandLine && (
        <div>
          <h3 className="font-semibold">Command line</h3>
          <pre className="mt-1 rounded-md bg-slate-100 p-2 font-mono text-xs break-all whitespace-pre-wrap dark:bg-slate-900">{node.startTaskCommandLine}</pre>
        </div>
      )}
      {summary.failed &&
        (stderr ? (
          <LogTail
            name="startup/stderr.txt"
            url={api.nodeFile(account, node.poolId, node.id, stderr.name)}
            href={paths.nodeFile(account, node.poolId, node.id, stderr.name)}
            {...(stderr.size !== undefined ? { size: stderr.size } : {})}
            live
          />
        ) : files.data ? (
          <p className="text-slate-600 dark:text-slate-400">The node has no startup/stderr.txt.</p>
        ) : null)}
      {st && (
        <p>
          <TextLink tone="plain" href={paths.nodeFile(account, node.poolId, node.id, "startup/stdout.txt")}>
            startup/stdout.txt
          </TextLink>
          {" · "}
          <TextLink tone="plain" href={paths.nodeFile(account, node.poolId, node.id, "startup/stderr.txt")}>
            startup/stderr.txt
          </TextLink>
        </p>
      )}
    </div>
  );
}
