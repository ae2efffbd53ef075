"use client";

import { useQuery } from "@tanstack/react-query";
import { useWindowQuery } from "@/components/heatmap/use-heatmap";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { Loading, Panel } from "@/components/ui/panel";
import { errorInfo } from "@/lib/queries/api-fetch";
import { sampleNote } from "@/lib/failures/signature-note";
import { batchQueries } from "@/lib/queries/batch";
import type { Scope } from "@/lib/queries/keys";
import type { SignaturesResponse } from "@/lib/schemas/signatures";
import { SignatureItem } from "./signature-item";
import { useSignatureParam } from "./use-signature-param";

/**
 * What was read, said plainly: the signatures stand on a sample of stderr tails, never on every task, and
 * how many failed tasks that leaves "not sampled" (lib/failures/signature-note.ts).
 */
function SampleNote({ d }: { d: SignaturesResponse }) {
  return (
    <p className="text-sm text-slate-600 dark:text-slate-300" data-testid="signature-sample">
      {sampleNote(d)}
    </p>
  );
}

/**
 * The window's failures grouped by signature (docs/architecture.md, "Failure signatures"). Choosing one
 * filters the heatmap to its tasks (`sig` in the URL, so a pasted link shows the same); choosing it again
 * clears the filter.
 */
export function SignatureList({ account, scope }: { account: string; scope: Scope }) {
  const q = useQuery(batchQueries.signatures(account, scope, useWindowQuery()));
  const [sig, setSig] = useSignatureParam();
  const err = errorInfo(q.error);
  const d = q.data;
  const poolId = "pool" in scope ? scope.pool : d?.poolId;
  const select = (id: string) => {
    setSig(sig === id ? null : id);
    if (sig !== id) document.querySelector("[data-heatmap-panel]")?.scrollIntoView({ block: "start" });
  };
  return (
    <Panel id="signatures" title="Failure signatures" asOf={d?.asOf} error={d ? err : undefined}>
      {!d && err && <ApiErrorBanner error={err} />}
      {!d && q.isPending && <Loading what="failure signatures (reading stderr of failed tasks)" />}
      {d && (
        <div className={`space-y-2 ${q.isPlaceholderData ? "opacity-70" : ""}`}>
          <SampleNote d={d} />
          {d.signatures.length === 0 ? (
            <p className="text-sm">No failed tasks in this window.</p>
          ) : (
            <ol className="space-y-2" data-testid="signature-list" aria-label="Failure signatures, most tasks first">
              {d.signatures.map((s) => (
                <SignatureItem
                  key={s.id}
                  account={account}
                  {...(poolId ? { poolId } : {})}
                  s={s}
                  asOf={Date.parse(d.asOf)}
                  selected={sig === s.id}
                  onSelect={() => select(s.id)}
                />
              ))}
            </ol>
          )}
        </div>
      )}
    </Panel>
  );
}
