"use client";

import { useQuery } from "@tanstack/react-query";
import { useQueryStates } from "nuqs";
import { CategoryBadge } from "@/components/ui/badges";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { Loading, Panel } from "@/components/ui/panel";
import { jobViewParams, windowQuery } from "@/lib/links/view-params";
import { errorInfo } from "@/lib/queries/api-fetch";
import { batchQueries } from "@/lib/queries/batch";
import { Button } from "@/components/ui/button";
import { linkVariants } from "@/components/ui/text-link";

/** Failures in the window by category and by exit code; choosing one filters the task table below. */
export function FailureBreakdown({ account, jobId }: { account: string; jobId: string }) {
  const [f, setF] = useQueryStates(jobViewParams);
  const { data, error, isPending } = useQuery(batchQueries.failures(account, { job: jobId }, windowQuery(f)));
  const apiError = errorInfo(error);
  const max = Math.max(1, ...(data?.byCategory.map((c) => c.count) ?? []));
  return (
    <Panel id="failures" title="Failures in the window" {...(data ? { asOf: data.asOf } : {})} {...(apiError ? { error: apiError } : {})}>
      {isPending && <Loading what="failures" />}
      {!data && apiError && <ApiErrorBanner error={apiError} />}
      {data && (
        <div className="grid gap-6 md:grid-cols-2">
          <div>
            <p className="mb-2 text-sm text-slate-600 dark:text-slate-300">
              <strong className="text-slate-900 dark:text-slate-100">{data.failed}</strong> of {data.completed} completed tasks failed
            </p>
            <h3 className="mb-1 text-sm font-semibold">By category</h3>
            <ul className="space-y-1" data-testid="failures-by-category">
              {data.byCategory.map((c) => (
                <li key={c.category} className="flex items-center gap-2">
                  <button
                    type="button"
                    className="w-32 text-left"
                    onClick={() => void setF({ category: c.category as never, state: null })}
                    aria-label={`Show ${c.category} failures`}
                  >
                    <CategoryBadge category={c.category} />
                  </button>
                  <span className="h-2 rounded bg-slate-400 dark:bg-slate-500" style={{ width: `${(c.count / max) * 60}%` }} aria-hidden="true" />
                  <span className="tabular-nums">{c.count}</span>
                </li>
              ))}
              {data.byCategory.length === 0 && <li className="text-slate-600 dark:text-slate-300">No failures in this window.</li>}
            </ul>
          </div>
          <div>
            <h3 className="mb-1 text-sm font-semibold">By exit code</h3>
            <ul className="space-y-1 font-mono text-sm" data-testid="failures-by-exit-code">
              {data.byExitCode.slice(0, 10).map((e) => (
                <li key={e.exitCode}>
                  <Button variant="ghost" size="inline" className={linkVariants()} onClick={() => void setF({ exitCode: e.exitCode })}>
                    exit {e.exitCode}
                  </Button>{" "}
                  <span className="tabular-nums">× {e.count}</span>
                </li>
              ))}
              {data.byExitCode.length === 0 && (
                <li className="font-sans text-slate-600 dark:text-slate-300">No exit codes: failures happened before or after the command ran.</li>
              )}
            </ul>
          </div>
        </div>
      )}
    </Panel>
  );
}
