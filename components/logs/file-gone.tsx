import Link from "next/link";
import type { ReactNode } from "react";
import { ApiErrorBanner } from "@/components/ui/api-error-banner";
import type { ApiErrorInfo } from "@/lib/schemas/api-error";
import { linkVariants } from "@/components/ui/text-link";

const EXPLAIN: Record<string, string> = {
  TaskFilesUnavailable: "The node this task ran on is no longer available (removed, reimaged, or not reachable), so Batch cannot read the task's files.",
  TaskFilesCleanedup: "Batch deleted the task's files: their retention time expired, or the task's directory was cleaned up.",
  FileNotFound: "This file does not exist: it was never written, or it has been deleted from the node.",
  NodeNotFound: "The node no longer exists: it was removed from the pool (scale-down, deletion or replacement), and its files went with it.",
  TaskNotFound: "The task no longer exists (deleted, or its job was deleted).",
  JobNotFound: "The job no longer exists, and its tasks' files with it.",
  PoolNotFound: "The pool no longer exists, and its nodes' files with it.",
  NodeNotReady: "The node is not in a state where its files can be read (starting, rebooting or reimaging). Try again in a minute.",
};

/** Whether an error means the file cannot be read any more, as opposed to a failing call. */
export function isFileGone(e: ApiErrorInfo): boolean {
  return (
    e.kind === "notFound" || (e.kind === "conflict" && e.code !== undefined && e.code in EXPLAIN) || (e.code !== undefined && e.code.startsWith("TaskFiles"))
  );
}

/**
 * A file that is gone: a plain explanation, Batch's code and request id, the way to its task or node, and
 * (`children`) where a copy was kept, such as the stderr an audit record saved before the node was wiped.
 */
export function FileGone({
  name,
  error,
  parent,
  children,
}: {
  name: string;
  error: ApiErrorInfo;
  parent: { href: string; label: string };
  children?: ReactNode;
}) {
  if (!isFileGone(error)) return <ApiErrorBanner error={error} />;
  return (
    <section
      role="alert"
      aria-label="File unavailable"
      data-testid="file-gone"
      className="space-y-2 rounded-lg border border-slate-300 bg-slate-50 p-6 dark:border-slate-700 dark:bg-slate-900"
    >
      <h2 className="text-xl font-semibold">
        <span className="font-mono">{name}</span> cannot be read
      </h2>
      <p className="text-slate-700 dark:text-slate-300">{(error.code && EXPLAIN[error.code]) ?? error.message}</p>
      <p className="font-mono text-xs text-slate-600 dark:text-slate-400" data-testid="file-gone-code">
        {error.code ?? error.kind}
        {error.requestId ? ` · request-id ${error.requestId}` : ""}
      </p>
      <Link className={linkVariants({ tone: "plain", className: "inline-block" })} href={parent.href}>
        {parent.label}
      </Link>
      {children}
    </section>
  );
}
