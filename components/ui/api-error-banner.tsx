import type { ApiErrorInfo } from "@/lib/schemas/api-error";

const TITLES: Record<ApiErrorInfo["kind"], string> = {
  network: "Batch could not be reached",
  server: "Batch answered with a server error",
  throttled: "Batch is throttling this dashboard",
  conflict: "Batch refused: the resource is in the wrong state",
  notFound: "Not found",
  auth: "Batch refused the dashboard's credentials",
  badRequest: "Batch rejected the request",
};

/** A Batch error as an operator needs it: what kind, Batch's code and message, and the request id for support. */
export function ApiErrorBanner({ error, keptData }: { error: ApiErrorInfo; keptData?: boolean }) {
  return (
    <div
      role="alert"
      className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
    >
      <p className="font-semibold">
        {TITLES[error.kind]}
        {keptData ? " — showing the last data received" : ""}
      </p>
      <p className="mt-1">{error.message}</p>
      <dl className="mt-1 flex flex-wrap gap-x-4 font-mono text-xs">
        <div>
          <dt className="inline">kind: </dt>
          <dd className="inline">{error.kind}</dd>
        </div>
        {error.code && (
          <div>
            <dt className="inline">code: </dt>
            <dd className="inline">{error.code}</dd>
          </div>
        )}
        {error.requestId && (
          <div>
            <dt className="inline">request-id: </dt>
            <dd className="inline">{error.requestId}</dd>
          </div>
        )}
      </dl>
    </div>
  );
}
