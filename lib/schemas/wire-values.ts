/**
 * Values as they really arrive from Batch, read tolerantly. The SDK (ms-rest-js) deserialises only exact
 * forms: a header `ocp-batch-file-isdirectory: False` stays the string "False" (truthy), enum values are
 * passed through unchecked in whatever case the service used (`failureInfo.category: "UserError"`), and a
 * number it cannot parse stays a string. See docs/real-service.md. Every function here takes `unknown`,
 * never throws, and says "absent" (undefined) rather than invent a value.
 */

/** A boolean: JSON true/false, or a header's "True"/"FALSE"/"1"/"0". Anything else is absent. */
export function wireBoolean(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value === 1 ? true : value === 0 ? false : undefined;
  if (typeof value !== "string") return undefined;
  const v = value.trim().toLowerCase();
  if (v === "true" || v === "1") return true;
  if (v === "false" || v === "0") return false;
  return undefined;
}

/**
 * An enum value in our spelling (the REST API's lowercase one) whatever the case it came in. A value we do
 * not know is kept as sent, so a new state the service adds shows up as itself instead of disappearing.
 */
export function wireEnum<T extends string>(value: unknown, known: readonly T[]): T | (string & {}) | undefined {
  if (typeof value === "number" || typeof value === "boolean") value = String(value);
  if (typeof value !== "string") return undefined;
  const v = value.trim();
  if (!v) return undefined;
  const lower = v.toLowerCase();
  return known.find((k) => k.toLowerCase() === lower) ?? v;
}

/** A finite number from a number or a numeric string ("13", " -1 "); anything else is absent. */
export function wireNumber(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value !== "string" || !/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** An integer (exit codes, counts) from a number or a numeric string; a fraction or junk is absent. */
export function wireInteger(value: unknown): number | undefined {
  const n = wireNumber(value);
  return n !== undefined && Number.isInteger(n) ? n : undefined;
}

/** A time from a Date or a string (ISO 8601 or an HTTP date); an invalid one is absent. */
export function wireDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value !== "string" || !value.trim()) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** The same time as an ISO string, the form our views carry. */
export function wireIso(value: unknown): string | undefined {
  return wireDate(value)?.toISOString();
}

/** A string field; a number is shown as its digits, anything else (null, objects) is absent. */
export function wireString(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Batch's enumerations as the REST specification spells them (docs/real-service.md, "Values on the wire"), the spelling our views use. */
export const NODE_STATES = [
  "idle",
  "rebooting",
  "reimaging",
  "running",
  "unusable",
  "creating",
  "starting",
  "waitingforstarttask",
  "starttaskfailed",
  "unknown",
  "leavingpool",
  "offline",
  "preempted",
  "upgradingos",
  "deallocated",
  "deallocating",
] as const;
export const SCHEDULING_STATES = ["enabled", "disabled"] as const;
export const TASK_STATES = ["active", "preparing", "running", "completed"] as const;
export const JOB_STATES = ["active", "disabling", "disabled", "enabling", "terminating", "completed", "deleting"] as const;
export const POOL_STATES = ["active", "deleting"] as const;
export const ALLOCATION_STATES = ["steady", "resizing", "stopping"] as const;
export const START_TASK_STATES = ["running", "completed"] as const;
export const EXECUTION_RESULTS = ["success", "failure"] as const;
export const ERROR_CATEGORIES = ["usererror", "servererror"] as const;
export const UPLOAD_CONDITIONS = ["tasksuccess", "taskfailure", "taskcompletion"] as const;
export const ON_ALL_TASKS_COMPLETE = ["noaction", "terminatejob"] as const;
export const ON_TASK_FAILURE = ["noaction", "performexitoptionsjobaction"] as const;
