import type { ApiErrorInfo } from "@/lib/schemas/api-error";
import { TextLink } from "./text-link";

/**
 * A link to something that no longer exists (node removed, job deleted, pool deleted) says so plainly and
 * offers the parent, instead of a blank page or an error dump. Batch's code and request id stay visible.
 */
export function GonePanel({
  what,
  id,
  explanation,
  parent,
  error,
}: {
  what: string;
  id: string;
  explanation: string;
  parent?: { href: string; label: string };
  error?: ApiErrorInfo;
}) {
  // In a snapshot's frozen view a 404 may only mean the snapshot did not save that read (docs/snapshots.md).
  const unsaved = error?.code === "NotInSnapshot";
  return (
    <section
      role="alert"
      aria-label={`${what} not found`}
      className="space-y-2 rounded-lg border border-slate-300 bg-slate-50 p-6 dark:border-slate-700 dark:bg-slate-900"
    >
      <h2 className="text-xl font-semibold">
        {what} <span className="font-mono">{id}</span> {unsaved ? "is not in this snapshot" : "no longer exists"}
      </h2>
      <p className="text-slate-700 dark:text-slate-300">{unsaved ? error.message : explanation}</p>
      {error && (
        <p className="font-mono text-xs text-slate-600 dark:text-slate-300">
          {error.code}
          {error.requestId ? ` · request-id ${error.requestId}` : ""}
        </p>
      )}
      {parent && (
        <TextLink tone="plain" className="inline-block" href={parent.href}>
          {parent.label}
        </TextLink>
      )}
    </section>
  );
}

/** The error that means the thing itself is gone, as opposed to a failing call. */
export function isGone(error: ApiErrorInfo | undefined): boolean {
  return error?.kind === "notFound";
}
