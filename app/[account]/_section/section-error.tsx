"use client";

import Link from "next/link";
import { useParams, useRouter } from "next/navigation";
import { startTransition } from "react";
import { Button } from "@/components/ui/button";
import { linkVariants } from "@/components/ui/text-link";

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
      <div
        role="alert"
        aria-labelledby="section-error-title"
        className="space-y-2 rounded border border-red-300 bg-red-50 p-4 dark:border-red-800 dark:bg-red-950"
      >
        <h1 id="section-error-title" className="text-xl font-semibold">
          This {what} page could not be shown
        </h1>
        <p className="text-sm">The dashboard failed while preparing it. Trying again often helps; if it keeps failing, the server&apos;s log says why.</p>
        {error.digest && <p className="font-mono text-xs text-slate-600 dark:text-slate-300">reference: {error.digest}</p>}
      </div>
      <div className="flex flex-wrap items-center gap-4">
        <Button size="md" onClick={retry}>
          Try again
        </Button>
        {account && (
          <Link href={`/${encodeURIComponent(account)}`} className={linkVariants()}>
            Go to account {account}
          </Link>
        )}
      </div>
    </main>
  );
}
