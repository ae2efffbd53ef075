import type { ReactNode } from "react";
import type { ApiErrorInfo } from "@/lib/schemas/api-error";
import { ApiErrorBanner } from "./api-error-banner";
import { AsOf } from "./as-of";

/**
 * A titled section of a page with its freshness: "as of" when the data is current, and the failed refresh's
 * error above the last data received when it is not. Never a blank panel on a failed refetch.
 */
export function Panel({
  title,
  asOf,
  error,
  actions,
  children,
  id,
}: {
  title: ReactNode;
  asOf?: string;
  error?: ApiErrorInfo;
  actions?: ReactNode;
  children: ReactNode;
  id?: string;
}) {
  const headingId = id ? `${id}-heading` : undefined;
  return (
    <section aria-labelledby={headingId} className="space-y-2 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={headingId} className="text-lg font-semibold">
          {title}
        </h2>
        <div className="flex items-center gap-3 text-sm">
          {actions}
          {asOf && <AsOf iso={asOf} stale={Boolean(error)} />}
        </div>
      </div>
      {error && asOf && <ApiErrorBanner error={error} keptData />}
      {children}
    </section>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    // Only the dot pulses: a pulsing sentence dips below readable contrast half the time.
    <p role="status" className="text-slate-600 dark:text-slate-300">
      <span aria-hidden="true" className="mr-2 inline-block size-2 animate-pulse rounded-full bg-slate-400 align-middle" />
      Loading {what}…
    </p>
  );
}
