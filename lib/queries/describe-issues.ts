import type { z } from "zod";

/** A zod failure in one short sentence a person can read: where each issue is, and what it is. */
export function describeIssues(error: z.ZodError, max = 3): string {
  const parts = error.issues.slice(0, max).map((i) => `${i.path.length ? `${i.path.join(".")}: ` : ""}${i.message}`);
  const more = error.issues.length > max ? ` (and ${error.issues.length - max} more)` : "";
  return parts.join("; ") + more;
}
