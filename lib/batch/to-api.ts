import "server-only";
import type { BatchServiceModels } from "@azure/batch";
import type { FailureInfo } from "@/lib/schemas/common";
import { ERROR_CATEGORIES, wireEnum, wireIso, wireString } from "@/lib/schemas/wire-values";
import { redactPair, redactSecrets } from "@/lib/redact";

/** A time as our views carry it (ISO); a missing or unparseable one is absent rather than a RangeError. */
export const iso = (d: Date | string | undefined): string | undefined => wireIso(d);

/** Drops undefined fields: JSON would drop them anyway, and zod's optional() then matches exactly. */
export function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/**
 * Free text from Batch (a command line, an error message) as the API carries it: secrets redacted
 * (lib/redact.ts). Every Batch-to-API mapping goes through these, so the browser, evidence and the audit
 * store never see the secret; this is the one place it is done.
 */
export const shownText = (text: string | undefined): string | undefined => (text === undefined ? undefined : redactSecrets(text));

/** Batch's name/value details (failure details, node error details, resize error values), redacted. */
export const shownPairs = (pairs: { name?: unknown; value?: unknown }[] | undefined): { name: string; value: string }[] =>
  (pairs ?? []).map((d) => redactPair({ name: wireString(d.name) ?? "", value: wireString(d.value) ?? "" }));

export function failureInfo(f: BatchServiceModels.TaskFailureInformation | undefined): FailureInfo | undefined {
  if (!f) return undefined;
  return compact({
    // The service sends "UserError" where the REST API says "usererror": one spelling for the views.
    category: wireEnum(f.category, ERROR_CATEGORIES) ?? "",
    code: wireString(f.code),
    message: shownText(wireString(f.message)),
    details: shownPairs(f.details),
  });
}
