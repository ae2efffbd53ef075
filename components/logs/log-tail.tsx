"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { Loading } from "@/components/ui/panel";
import { formatBytes } from "@/lib/format";
import { errorInfo } from "@/lib/queries/api-fetch";
import { fileTailQuery } from "@/lib/queries/file-tail";
import { linkVariants } from "@/components/ui/text-link";

export const TAIL_BYTES = 16 * 1024;
const TAIL_LINES = 60;

/**
 * The last lines of a log, inline. Log content is untrusted (a task can write anything to stderr), so it
 * is only ever rendered as a React text child inside <pre>: never as HTML.
 */
export function LogTail({ name, url, href, size, live }: { name: string; url: string; href: string; size?: number; live: boolean }) {
  const q = useQuery({ ...fileTailQuery(url, TAIL_BYTES), ...(live ? {} : { refetchInterval: false as const }) });
  const headingId = `tail-${name.replace(/[^A-Za-z0-9]/g, "-")}`;
  const shownSize = q.data?.size ?? size;
  const lines = q.data ? lastLines(q.data.text, TAIL_LINES) : undefined;
  const err = errorInfo(q.error);
  return (
    <section aria-labelledby={headingId} className="space-y-1" data-testid={`tail-${name}`}>
      <div className="flex flex-wrap items-baseline gap-x-3">
        <h3 id={headingId} className="font-mono text-base font-semibold">
          {name}
        </h3>
        <span className="text-sm text-slate-600 dark:text-slate-400">{formatBytes(shownSize)}</span>
        <Link className={linkVariants({ tone: "plain", className: "text-sm" })} href={href}>
          Open full {name}
        </Link>
      </div>
      {q.isPending ? (
        <Loading what={name} />
      ) : err && !q.data ? (
        <ApiErrorBanner error={err} />
      ) : lines !== undefined && lines.text.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{name} is empty.</p>
      ) : (
        <>
          {(lines?.cut || q.data?.truncated) && (
            <p className="text-xs text-slate-600 dark:text-slate-400">
              Last {lines?.count} lines of {formatBytes(shownSize)}:
            </p>
          )}
          <pre
            tabIndex={0}
            aria-label={`Last lines of ${name}`}
            className="max-h-96 overflow-auto rounded-md bg-slate-100 p-3 font-mono text-xs leading-5 break-all whitespace-pre-wrap text-slate-900 dark:bg-slate-900 dark:text-slate-100"
          >
            {lines?.text}
          </pre>
        </>
      )}
    </section>
  );
}

function lastLines(text: string, n: number): { text: string; count: number; cut: boolean } {
  const trimmed = text.replace(/\n$/, "");
  if (trimmed === "") return { text: "", count: 0, cut: false };
  const all = trimmed.split("\n");
  const kept = all.slice(-n);
  return { text: kept.join("\n"), count: kept.length, cut: kept.length < all.length };
}
