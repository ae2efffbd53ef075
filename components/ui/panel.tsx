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
    <p role="status" className="animate-pulse text-slate-500">
      Loading {what}…
    </p>
  );
}
