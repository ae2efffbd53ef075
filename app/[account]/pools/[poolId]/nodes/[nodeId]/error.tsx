"use client";

import { SectionError } from "@/app/[account]/_section/section-error";

/** A node page that failed while rendering: a plain message and a retry, never a stack trace. */
export default function NodeError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SectionError what="node" error={error} reset={reset} />;
}
