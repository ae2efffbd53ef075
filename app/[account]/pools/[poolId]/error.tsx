"use client";

import { SectionError } from "@/app/[account]/_section/section-error";

/** A pool page that failed while rendering: a plain message and a retry, never a stack trace. */
export default function PoolError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError what="pool" error={error} reset={reset} />;
}
