"use client";

import { useQuery } from "@tanstack/react-query";
import { parseAsString, useQueryStates } from "nuqs";
import { useState } from "react";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Loading, Panel } from "@/components/ui/panel";
import { errorInfo } from "@/lib/queries/api-fetch";
import { batchQueries } from "@/lib/queries/batch";
import type { CompareResponse } from "@/lib/schemas/compare";
import { CompareFacts } from "./compare-facts";
import { CompareTails } from "./compare-tails";

const compareParams = { failed: parseAsString, succeeded: parseAsString };

const CHOSEN: Record<CompareResponse["chosen"], string> = {
  given: "the succeeded task named in the link",
  sameShape: "a succeeded task of this job with the same command shape, the nearest in end time",
  recent: "the succeeded task of this job nearest in end time (none had the same command shape)",
  none: "no succeeded task of this job was found",
};

/** A failed task beside a succeeded one of the same job, both named in the URL (?failed=&succeeded=). */
export function CompareView({ account, jobId }: { account: string; jobId: string }) {
  const [p, setP] = useQueryStates(compareParams);
  const q = useQuery({ ...batchQueries.compare(account, jobId, p.failed ?? "", p.succeeded ?? undefined), enabled: Boolean(p.failed) });
  const err = errorInfo(q.error);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Compare a failed task with a succeeded one</h1>
      <PickTasks
        key={`${p.failed}|${p.succeeded}`}
        failed={p.failed ?? ""}
        succeeded={p.succeeded ?? ""}
        onPick={(f, s) => void setP({ failed: f || null, succeeded: s || null })}
      />
      {!p.failed && <p>Enter the id of a failed task of job {jobId}.</p>}
      {p.failed && q.isPending && <Loading what="both tasks" />}
      {err && !q.data && <ApiErrorBanner error={err} />}
      {q.data && (
        <>
          <p className="text-sm text-slate-600 dark:text-slate-300" data-testid="compare-chosen">
            Compared with {CHOSEN[q.data.chosen]}.
          </p>
          <Panel id="compare-facts" title="Where, when and what" asOf={q.data.asOf}>
            <CompareFacts account={account} jobId={jobId} failed={q.data.failed} {...(q.data.succeeded ? { succeeded: q.data.succeeded } : {})} />
          </Panel>
          <Panel id="compare-logs" title="Log tails">
            <CompareTails name="stderr.txt" failed={q.data.failed.stderr} succeeded={q.data.succeeded?.stderr} />
            <CompareTails name="stdout.txt" failed={q.data.failed.stdout} succeeded={q.data.succeeded?.stdout} />
          </Panel>
        </>
      )}
    </div>
  );
}

function PickTasks({ failed, succeeded, onPick }: { failed: string; succeeded: string; onPick: (failed: string, succeeded: string) => void }) {
  const [f, setF] = useState(failed);
  const [s, setS] = useState(succeeded);
  return (
    <form
      aria-label="Tasks to compare"
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        onPick(f.trim(), s.trim());
      }}
    >
      <label className="flex flex-col text-xs text-slate-600 dark:text-slate-300">
        Failed task
        <Input className="w-72 font-mono text-sm" value={f} onChange={(e) => setF(e.target.value)} placeholder="task id" />
      </label>
      <label className="flex flex-col text-xs text-slate-600 dark:text-slate-300">
        Succeeded task
        <Input className="w-72 font-mono text-sm" value={s} onChange={(e) => setS(e.target.value)} placeholder="empty: one is chosen" />
      </label>
      <Button type="submit" className="py-1">
        Compare
      </Button>
    </form>
  );
}
