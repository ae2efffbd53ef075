"use client";

import { SectionError } from "@/app/[account]/_section/section-error";

/** A job page that failed while rendering: a plain message and a retry, never a stack trace. */
export default function JobError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError what="job" error={error} reset={reset} />;
}
