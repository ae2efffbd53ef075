"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Fragment, useLayoutEffect, useRef } from "react";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import { Loading } from "@/components/ui/panel";
import { formatBytes } from "@/lib/format";
import { errorInfo } from "@/lib/queries/api-fetch";
import { fileTailQuery } from "@/lib/queries/file-tail";
import { linkVariants } from "@/components/ui/text-link";
import { AnsiText } from "./ansi-text";

export const TAIL_BYTES = 16 * 1024;
const TAIL_LINES = 60;

/**
 * The last lines of a log, inline. Log content is untrusted (a task can write anything to stderr), so it
 * is only ever rendered as React text children of spans inside <pre>: never as HTML. Colours are drawn
 * by the viewer's own code (AnsiText), so the box is dark as the viewer is, and it opens at its end: the
 * newest line is the one that matters.
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
          <TailBox name={name} text={lines?.text ?? ""} />
        </>
      )}
    </section>
  );
}

/**
 * The lines in colour, drawn by the viewer's code (AnsiText), in a box that opens at its end and stays there
 * when a live tail refetches, unless the operator scrolled up to read: then it stays where they are.
 */
function TailBox({ name, text }: { name: string; text: string }) {
  const ref = useRef<HTMLPreElement>(null);
  const atEnd = useRef(true);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && atEnd.current) el.scrollTop = el.scrollHeight;
  }, [text]);
  return (
    <pre
      ref={ref}
      onScroll={(e) => {
        const el = e.currentTarget;
        atEnd.current = el.scrollHeight - el.scrollTop - el.clientHeight < 8;
      }}
      tabIndex={0}
      aria-label={`Last lines of ${name}`}
      className="max-h-96 overflow-auto rounded-md bg-slate-950 p-3 font-mono text-xs leading-5 break-all whitespace-pre-wrap text-slate-100"
    >
      {text.split("\n").map((l, i) => (
        <Fragment key={i}>
          {i > 0 && "\n"}
          <AnsiText text={l} />
        </Fragment>
      ))}
    </pre>
  );
}

function lastLines(text: string, n: number): { text: string; count: number; cut: boolean } {
  const trimmed = text.replace(/\n$/, "");
  if (trimmed === "") return { text: "", count: 0, cut: false };
  const all = trimmed.split("\n");
  const kept = all.slice(-n);
  return { text: kept.join("\n"), count: kept.length, cut: kept.length < all.length };
}
