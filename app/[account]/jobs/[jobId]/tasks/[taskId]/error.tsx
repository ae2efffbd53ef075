"use client";

import { SectionError } from "@/app/[account]/_section/section-error";

/** A task page that failed while rendering: a plain message and a retry, never a stack trace. */
export default function TaskError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError what="task" error={error} reset={reset} />;
}
