"use client";

import Link from "next/link";
import { useParams, useRouter } from "next/navigation";
import { startTransition } from "react";

/**
 * What a section shows when its page throws while rendering: a plain sentence, the error's digest (the key
 * to the server's log; the message and stack stay on the server), a retry, and the way to the account.
 * Batch's own errors never come here: panels show those in place, with Batch's code and request id.
 */
export function SectionError({ what, error, reset }: { what: string; error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  const { account } = useParams<{ account?: string }>();
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  return (
    <main className="mx-auto max-w-3xl space-y-3 px-6 py-12">
      <div role="alert" aria-labelledby="section-error-title" className="space-y-2 rounded border border-red-300 bg-red-50 p-4 dark:border-red-800 dark:bg-red-950">
        <h1 id="section-error-title" className="text-xl font-semibold">
          This {what} page could not be shown
        </h1>
        <p className="text-sm">The dashboard failed while preparing it. Trying again often helps; if it keeps failing, the server&apos;s log says why.</p>
        {error.digest && <p className="font-mono text-xs text-slate-600 dark:text-slate-300">reference: {error.digest}</p>}
      </div>
      <div className="flex flex-wrap items-center gap-4">
        <button type="button" onClick={retry} className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
          Try again
        </button>
        {account && (
          <Link href={`/${encodeURIComponent(account)}`} className="text-blue-700 underline dark:text-blue-300">
            Go to account {account}
          </Link>
        )}
      </div>
    </main>
  );
}
