"use client";

import { SectionError } from "@/app/[account]/_section/section-error";

/** A file page that failed while rendering: a plain message and a retry, never a stack trace. */
export default function FileError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError what="file" error={error} reset={reset} />;
}
