import type { TaskFacts } from "./types";

/** Reading Batch's timestamps, which arrive as Date objects or as strings with 7-digit fractions. */

/** A date as an ISO string. Batch's 7-digit fractions are cut to milliseconds; an unparseable string is kept as sent. */
export function toIso(value: Date | string | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}

function toMs(value: Date | string | undefined): number | undefined {
  if (value === undefined || value === null) return undefined;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

export function runTimeMs(task: TaskFacts): number | undefined {
  const start = toMs(task.executionInfo?.startTime);
  const end = toMs(task.executionInfo?.endTime);
  return start !== undefined && end !== undefined ? end - start : undefined;
}
