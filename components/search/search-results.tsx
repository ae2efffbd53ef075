"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { linkVariants } from "@/components/ui/text-link";
import { paths } from "@/lib/links/paths";
import type { ApiErrorInfo } from "@/lib/schemas/api-error";
import type { SearchResponse } from "@/lib/schemas/search";

interface Hit {
  key: string;
  href: string;
  id: string;
  detail?: string;
}

/** The answer's hits, by kind, in the order shown: pools, jobs, nodes, tasks. */
function groups(account: string, data: SearchResponse): { title: string; total: number; hits: Hit[] }[] {
  return [
    { title: "Pools", total: data.pools.total, hits: data.pools.items.map((p) => ({ key: p.id, href: paths.pool(account, p.id), id: p.id, detail: p.state })) },
    { title: "Jobs", total: data.jobs.total, hits: data.jobs.items.map((j) => ({ key: j.id, href: paths.job(account, j.id), id: j.id, detail: j.state })) },
    {
      title: "Nodes",
      total: data.nodes.total,
      hits: data.nodes.items.map((n) => ({
        key: `${n.poolId}/${n.id}`,
        href: paths.node(account, n.poolId, n.id),
        id: n.id,
        detail: `${n.state ?? ""} · pool ${n.poolId}`,
      })),
    },
    {
      title: "Tasks",
      total: data.tasks.total,
      hits: data.tasks.items.map((t) => ({
        key: `${t.jobId}/${t.id}`,
        href: paths.task(account, t.jobId, t.id),
        id: t.id,
        detail: `${t.state ?? ""} · job ${t.jobId}`,
      })),
    },
  ];
}

/** Every result's link, best kind first: what Enter in the box opens. */
export function resultLinks(account: string, data: SearchResponse): string[] {
  return groups(account, data).flatMap((g) => g.hits.map((h) => h.href));
}

export function SearchResults({
  account,
  data,
  busy,
  error,
  onPick,
}: {
  account: string;
  data: SearchResponse | undefined;
  busy: boolean;
  error: ApiErrorInfo | undefined;
  onPick: () => void;
}) {
  if (error && !data) return <ApiErrorBanner error={error} />;
  if (!data) return <p role="status">{busy ? "Searching…" : ""}</p>;
  const found = groups(account, data).filter((g) => g.total > 0);
  return (
    <div className="space-y-3">
      {found.length === 0 && <p role="status">No id holds “{data.q}”.</p>}
      {found.map((g) => (
        <Group key={g.title} title={`${g.title} (${g.total > g.hits.length ? `${g.hits.length} of ${g.total}` : g.total})`}>
          {g.hits.map((h) => (
            <li key={h.key} className="flex items-baseline justify-between gap-3">
              <Link href={h.href} onClick={onPick} className={linkVariants({ className: "truncate font-mono" })}>
                {h.id}
              </Link>
              {h.detail && <span className="shrink-0 text-xs text-slate-600 dark:text-slate-300">{h.detail}</span>}
            </li>
          ))}
        </Group>
      ))}
      <Searched data={data} />
    </div>
  );
}

function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title}>
      <h3 className="text-xs font-semibold tracking-wide text-slate-700 uppercase dark:text-slate-200">{title}</h3>
      <ul className="mt-1 space-y-0.5">{children}</ul>
    </section>
  );
}

/** What was looked at: Batch cannot search task ids by fragment, so the task search is bounded and says how. */
function Searched({ data }: { data: SearchResponse }) {
  const s = data.searched;
  return (
    <p className="border-t border-slate-200 pt-2 text-xs text-slate-600 dark:border-slate-700 dark:text-slate-300" data-testid="search-scope">
      Searched {s.pools} pools, {s.jobs} jobs, {s.nodes} nodes, and the tasks of {s.taskJobs} active or recently completed jobs ({s.taskIdsRead} task ids read)
      {s.taskJobsLeftOut > 0 && `; ${s.taskJobsLeftOut} older jobs' tasks were not searched`}
      {s.taskJobsPrefixOnly.length > 0 && `; in ${s.taskJobsPrefixOnly.join(", ")} only the first task ids by fragment, the rest by prefix`}.
    </p>
  );
}
