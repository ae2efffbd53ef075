"use client";

import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect } from "react";
import { setHash } from "@/components/logs/use-hash";
import { FrozenRoot } from "@/components/snapshots/frozen";
import { SnapshotBanner } from "@/components/snapshots/snapshot-banner";
import { SnapshotNotFound } from "@/components/snapshots/snapshot-not-found";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { Loading } from "@/components/ui/panel";
import { ownerFrame } from "@/lib/links/owner";
import { errorInfo } from "@/lib/queries/api-fetch";
import { snapshotQueries } from "@/lib/queries/snapshots";
import type { SnapshotMeta } from "@/lib/schemas/snapshots";
import { normalizeApiPath } from "@/lib/snapshots/api-path";
import { FileBody, JobBody, NodeBody, PoolBody, TaskBody } from "../../_section/views";

/** The query of a view, sorted: the page's own URL matches the capture's when these are equal. */
const queryOf = (url: string) => normalizeApiPath(`/q${new URL(url, "http://view.invalid").search}`);

/**
 * Loads the snapshot and renders its view with the live view's components, from its frozen answers. The
 * page's URL first takes the frozen view's query (and a file view's #L selection), so the components that
 * read the URL (window, filters, the opened cell) see exactly the query the capture used.
 */
export function SnapshotView({ account, id }: { account: string; id: string }) {
  const q = useQuery(snapshotQueries.one(account, id));
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const frozenView = q.data?.snapshot.frozenView;
  const target = frozenView ? new URL(frozenView, "http://view.invalid") : undefined;
  const [targetSearch, targetHash] = [target?.search, target?.hash ?? ""];
  const ready = targetSearch !== undefined && queryOf(`?${search.toString()}`) === queryOf(targetSearch);
  useEffect(() => {
    if (targetSearch === undefined) return;
    // The hash goes with the query: a file view opens at the lines the capture saved (#L…), unless the
    // link names lines of its own. The viewer follows a hash set after it opened.
    const hash = window.location.hash || targetHash;
    if (!ready) router.replace(`${pathname}${targetSearch}${hash}`, { scroll: false });
    else if (hash !== window.location.hash) setHash(hash);
  }, [targetSearch, targetHash, ready, router, pathname]);

  const err = errorInfo(q.error);
  if (err?.kind === "notFound") return <SnapshotNotFound account={account} />;
  if (err) return <ApiErrorBanner error={err} />;
  if (!q.data || !ready) return <Loading what="the snapshot" />;
  const { snapshot, content } = q.data;
  return (
    <div className="space-y-4">
      <SnapshotBanner snapshot={snapshot} />
      <FrozenRoot snapshot={snapshot} answers={content.answers}>
        <FrozenBody snapshot={snapshot} />
      </FrozenRoot>
    </div>
  );
}

/** The view's body by kind, with the ids the snapshot names; a file's owner and path come from its view path. */
function FrozenBody({ snapshot: s }: { snapshot: SnapshotMeta }) {
  const a = s.account;
  if (s.kind === "pool" && s.poolId) return <PoolBody account={a} poolId={s.poolId} />;
  if (s.kind === "job" && s.jobId) return <JobBody account={a} jobId={s.jobId} />;
  if (s.kind === "task" && s.jobId && s.taskId) return <TaskBody account={a} jobId={s.jobId} taskId={s.taskId} />;
  if (s.kind === "node" && s.poolId && s.nodeId) return <NodeBody account={a} poolId={s.poolId} nodeId={s.nodeId} />;
  const file = s.kind === "file" ? fileOf(s) : undefined;
  if (file) return <FileBody owner={file.owner} path={file.path} parent={file.back} />;
  return <p className="text-sm">This snapshot names a view this dashboard cannot show ({s.kind}).</p>;
}

/** `/{a}/jobs/{j}/tasks/{t}/files/{path…}` or `/{a}/pools/{p}/nodes/{n}/files/{path…}`. */
function fileOf(s: SnapshotMeta) {
  const seg = new URL(s.frozenView, "http://view.invalid").pathname.split("/").slice(2).map(decodeURIComponent);
  const kind = seg[0] === "jobs" && seg[2] === "tasks" ? "task" : seg[0] === "pools" && seg[2] === "nodes" ? "node" : undefined;
  if (!kind || seg[4] !== "files" || seg.length < 6) return undefined;
  const path = seg.slice(5).join("/");
  const { owner, back } = ownerFrame(s.account, kind, { parent: seg[1] ?? "", child: seg[3] ?? "" }, { raw: path, path });
  return owner ? { owner, path, back } : undefined;
}
