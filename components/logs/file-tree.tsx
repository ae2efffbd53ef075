"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { formatBytes } from "@/lib/format";
import { ownerFilePath, type OwnerRef } from "@/lib/links/owner";
import { orderFiles } from "@/lib/logs/file-order";
import { errorInfo } from "@/lib/queries/api-fetch";
import { Loading } from "@/components/ui/panel";
import { fileTreeQuery } from "@/lib/queries/file-tree";

/** The owner's files, the ones operators read first on top, each linking to its viewer. */
export function FileTree({ owner, current }: { owner: OwnerRef; current: string }) {
  const q = useQuery(fileTreeQuery(owner));
  const href = (name: string) => ownerFilePath(owner, name);
  const err = errorInfo(q.error);
  return (
    <nav aria-label="Files" className="space-y-1 text-sm" data-testid="file-tree">
      <h2 className="font-semibold">Files</h2>
      {q.isPending ? (
        <Loading what="files" />
      ) : err || !q.data ? (
        <p className="text-slate-600 dark:text-slate-400">The file list is not available{err?.code ? ` (${err.code})` : ""}.</p>
      ) : (
        <ul className="max-h-[75vh] space-y-0.5 overflow-auto">
          {orderFiles(q.data.files, owner.kind).map((f) => (
            <li key={f.name}>
              <Link
                href={href(f.name)}
                prefetch={false}
                aria-current={f.name === current ? "page" : undefined}
                className={`flex justify-between gap-2 rounded px-1 font-mono break-all hover:bg-slate-100 dark:hover:bg-slate-800 ${f.name === current ? "bg-blue-50 font-semibold dark:bg-blue-950" : ""}`}
              >
                <span>{f.name}</span>
                <span className="shrink-0 text-slate-600 dark:text-slate-400">{formatBytes(f.size)}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
