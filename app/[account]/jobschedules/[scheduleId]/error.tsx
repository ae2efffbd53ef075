"use client";

import { SectionError } from "@/app/[account]/_section/section-error";

/** A job schedule page that failed while rendering: a plain message and a retry, never a stack trace. */
export default function ScheduleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError what="job schedule" error={error} reset={reset} />;
}
