"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { parseAsString, useQueryStates } from "nuqs";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Loading, Panel } from "@/components/ui/panel";
import { linkVariants } from "@/components/ui/text-link";
import { formatBytes, formatTime } from "@/lib/format";
import { paths } from "@/lib/links/paths";
import { errorInfo } from "@/lib/queries/api-fetch";
import { snapshotQueries } from "@/lib/queries/snapshots";
import type { SnapshotMeta } from "@/lib/schemas/snapshots";

const listParams = { pool: parseAsString, job: parseAsString, author: parseAsString };
const text = (v: FormDataEntryValue | null) => (typeof v === "string" && v.trim() ? v.trim() : null);

/** What a snapshot shows, in words: its kind and ids. */
function what(s: SnapshotMeta): string {
  if (s.kind === "pool") return `pool ${s.poolId ?? ""}`;
  if (s.kind === "job") return `job ${s.jobId ?? ""}`;
  if (s.kind === "task") return `task ${s.taskId ?? ""} · job ${s.jobId ?? ""}`;
  if (s.kind === "node") return `node ${s.nodeId ?? ""} · pool ${s.poolId ?? ""}`;
  const file = decodeURIComponent(new URL(s.view, "http://view.invalid").pathname.split("/files/")[1] ?? "");
  return `file ${file} · ${s.taskId ? `task ${s.taskId}` : `node ${s.nodeId ?? ""}`}`;
}

/** The account's snapshots, newest first, filtered by pool, job and author (in the URL). */
export function SnapshotList({ account }: { account: string }) {
  const [view, setView] = useQueryStates(listParams);
  const q = useInfiniteQuery(snapshotQueries.list(account, view));
  const err = errorInfo(q.error);
  const rows = q.data?.pages.flatMap((p) => p.snapshots) ?? [];
  return (
    <Panel id="snapshots" title="Snapshots">
      <form
        key={JSON.stringify(view)}
        className="flex flex-wrap items-end gap-3 text-sm"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          void setView({ pool: text(f.get("pool")), job: text(f.get("job")), author: text(f.get("author")) });
        }}
      >
        {(["pool", "job", "author"] as const).map((k) => (
          <label key={k} className="flex flex-col gap-1">
            <span className="font-semibold capitalize">{k}</span>
            <Input name={k} defaultValue={view[k] ?? ""} className="w-56" />
          </label>
        ))}
        <Button type="submit" size="md">
          Filter
        </Button>
      </form>
      {err && <ApiErrorBanner error={err} />}
      {q.isPending && <Loading what="the snapshots" />}
      {q.data && rows.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-300">No snapshot matches.</p>}
      {rows.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="snapshot-table">
            <thead className="border-b border-slate-200 dark:border-slate-700">
              <tr>
                {["Taken", "Author", "Kind", "What", "Note", "Size"].map((h) => (
                  <th key={h} scope="col" className="px-2 py-1 font-semibold">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.id} className="border-b border-slate-100 align-top dark:border-slate-800">
                  <td className="px-2 py-1 whitespace-nowrap">
                    <Link className={linkVariants({ tone: "plain" })} href={paths.snapshot(account, s.id)}>
                      {formatTime(s.takenAt)}
                    </Link>
                  </td>
                  <td className="px-2 py-1 [overflow-wrap:anywhere]">{s.author}</td>
                  <td className="px-2 py-1">{s.kind}</td>
                  <td className="px-2 py-1 font-mono text-xs [overflow-wrap:anywhere]">{what(s)}</td>
                  <td className="max-w-md px-2 py-1 [overflow-wrap:anywhere] whitespace-pre-wrap">{s.note}</td>
                  <td className="px-2 py-1 whitespace-nowrap">{formatBytes(s.sizeBytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {q.hasNextPage && (
        <Button size="md" disabled={q.isFetchingNextPage} onClick={() => void q.fetchNextPage()}>
          {q.isFetchingNextPage ? "Loading…" : "Show older snapshots"}
        </Button>
      )}
    </Panel>
  );
}
