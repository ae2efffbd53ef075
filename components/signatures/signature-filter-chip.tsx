"use client";

import { useQuery } from "@tanstack/react-query";
import { useWindowQuery } from "@/components/heatmap/use-heatmap";
import { Button } from "@/components/ui/button";
import { CloseIcon } from "@/components/ui/icons";
import { batchQueries } from "@/lib/queries/batch";
import type { Scope } from "@/lib/queries/keys";
import { useSignatureParam } from "./use-signature-param";

/**
 * Above the heatmap while it shows one signature's tasks: which signature (its line, as text), how many
 * tasks, and a button that clears the filter. Reads the same query as the signature list.
 */
export function SignatureFilterChip({ account, scope }: { account: string; scope: Scope }) {
  const [sig, setSig] = useSignatureParam();
  const q = useQuery({ ...batchQueries.signatures(account, scope, useWindowQuery()), enabled: Boolean(sig) });
  if (!sig) return null;
  const s = q.data?.signatures.find((x) => x.id === sig);
  return (
    <div
      className="flex flex-wrap items-baseline gap-2 rounded-md border border-blue-600 bg-blue-50 px-2 py-1 text-sm dark:border-blue-400 dark:bg-blue-950"
      data-testid="signature-filter"
    >
      <span className="font-medium">Filtered by signature</span>
      <code className="min-w-0 break-all">{s ? s.line : sig}</code>
      {s && <span className="text-slate-700 dark:text-slate-200">({s.count.toLocaleString("en-US")} tasks)</span>}
      {q.data && !s && <span className="text-slate-700 dark:text-slate-200">(not seen in this window)</span>}
      <Button size="sm" variant="secondary" onClick={() => setSig(null)} aria-label="Clear the signature filter">
        <CloseIcon className="mr-1" />
        clear
      </Button>
    </div>
  );
}
