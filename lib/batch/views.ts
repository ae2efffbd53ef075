import "server-only";
import type { BatchServiceModels } from "@azure/batch";
import type { FailureInfoView } from "@/lib/schemas/common";

export const iso = (d: Date | string | undefined): string | undefined => (d === undefined ? undefined : new Date(d).toISOString());

/** Drops undefined fields: JSON would drop them anyway, and zod's optional() then matches exactly. */
export function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

export function failureInfoView(f: BatchServiceModels.TaskFailureInformation | undefined): FailureInfoView | undefined {
  if (!f) return undefined;
  return compact({
    category: f.category,
    code: f.code,
    message: f.message,
    details: (f.details ?? []).map((d) => ({ name: d.name ?? "", value: d.value ?? "" })),
  });
}
