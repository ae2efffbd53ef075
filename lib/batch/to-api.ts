import "server-only";
import type { BatchServiceModels } from "@azure/batch";
import type { FailureInfo } from "@/lib/schemas/common";
import { ERROR_CATEGORIES, wireEnum, wireIso, wireString } from "@/lib/schemas/wire-values";

/** A time as our views carry it (ISO); a missing or unparseable one is absent rather than a RangeError. */
export const iso = (d: Date | string | undefined): string | undefined => wireIso(d);

/** Drops undefined fields: JSON would drop them anyway, and zod's optional() then matches exactly. */
export function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

export function failureInfo(f: BatchServiceModels.TaskFailureInformation | undefined): FailureInfo | undefined {
  if (!f) return undefined;
  return compact({
    // The service sends "UserError" where the REST API says "usererror": one spelling for the views.
    category: wireEnum(f.category, ERROR_CATEGORIES) ?? "",
    code: wireString(f.code),
    message: wireString(f.message),
    details: (f.details ?? []).map((d) => ({ name: wireString(d.name) ?? "", value: wireString(d.value) ?? "" })),
  });
}
