"use client";

import { SectionError } from "@/app/[account]/_section/section-error";

/** A account page that failed while rendering: a plain message and a retry, never a stack trace. */
export default function AccountError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError what="account" error={error} reset={reset} />;
}
