"use client";

import { SectionError } from "@/app/[account]/_section/section-error";

/** A audit log page that failed while rendering: a plain message and a retry, never a stack trace. */
export default function AuditError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError what="audit log" error={error} reset={reset} />;
}
