import { Errors } from "../errors";
import type { NameValue } from "../model/types";
import type { JobManagerTask, JobSpecification, ScheduleTimes } from "../model/job-schedule-types";
import { parseDuration, UNLIMITED } from "../sim/context";
import { enumValue, optionalInt, requiredId, requiredString } from "./input";

const MINUTE = 60_000;

/**
 * A duration as the service writes it back: the request's `PT01H00M00S` is answered as `PT1H`
 * (job-schedule-add.json, job-schedule-get.json in docs/real-service.md's recordings).
 */
export function formatDuration(ms: number): string {
  const days = Math.floor(ms / 86_400_000);
  let rest = ms - days * 86_400_000;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / MINUTE);
  const seconds = (rest - minutes * MINUTE) / 1000;
  const time = `${hours ? `${hours}H` : ""}${minutes ? `${minutes}M` : ""}${seconds ? `${seconds}S` : ""}`;
  const out = `P${days ? `${days}D` : ""}${time ? `T${time}` : ""}`;
  return out === "P" ? "PT0S" : out;
}

/** An instant as .NET writes it: no fractional part when there is none (job-schedule-list-filtered-2025.json). */
const instant = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");

function optionalObject(b: Record<string, unknown>, name: string): Record<string, unknown> | undefined {
  const v = b[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "object" || Array.isArray(v)) throw Errors.invalidProperty(name, JSON.stringify(v), "Expected an object.");
  return v as Record<string, unknown>;
}

function requiredObject(b: Record<string, unknown>, name: string, path = name): Record<string, unknown> {
  const v = optionalObject(b, name);
  if (!v) throw Errors.missingProperty(path);
  return v;
}

/** recurrenceInterval and startWindow: at least one minute, or the service's 400 (the REST reference's Schedule). */
function duration(s: Record<string, unknown>, name: string, atLeastMinute: boolean): string | undefined {
  const v = s[name];
  if (v === undefined || v === null) return undefined;
  const ms = typeof v === "string" ? parseDuration(v) : undefined;
  if (ms === undefined) throw Errors.invalidProperty(name, v, "Expected an ISO 8601 duration such as PT1H.");
  if (atLeastMinute && ms < MINUTE) throw Errors.invalidProperty(name, v, "The value must be at least 1 minute.");
  return formatDuration(ms);
}

function time(s: Record<string, unknown>, name: string): string | undefined {
  const v = s[name];
  if (v === undefined || v === null) return undefined;
  const ms = typeof v === "string" ? Date.parse(v) : Number.NaN;
  if (!Number.isFinite(ms)) throw Errors.invalidProperty(name, v, "Expected an ISO 8601 time.");
  return instant(ms);
}

/** The `schedule` element; an empty one (run once, now) is stored as absent, as the service shows it. */
export function parseSchedule(raw: Record<string, unknown>): ScheduleTimes | undefined {
  const out: ScheduleTimes = {};
  const until = time(raw, "doNotRunUntil");
  const after = time(raw, "doNotRunAfter");
  const startWindow = duration(raw, "startWindow", true);
  const recurrenceInterval = duration(raw, "recurrenceInterval", true);
  if (until) out.doNotRunUntil = until;
  if (after) out.doNotRunAfter = after;
  if (startWindow) out.startWindow = startWindow;
  if (recurrenceInterval) out.recurrenceInterval = recurrenceInterval;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The request's `schedule`: whether it was given (a PATCH may leave it out) and what it says. */
export function scheduleOf(b: Record<string, unknown>, required: boolean): { given: boolean; value?: ScheduleTimes } {
  const raw = required ? requiredObject(b, "schedule") : optionalObject(b, "schedule");
  if (!raw) return { given: false };
  const value = parseSchedule(raw);
  return value ? { given: true, value } : { given: true };
}

function jobManagerTaskOf(spec: Record<string, unknown>): JobManagerTask | undefined {
  const raw = optionalObject(spec, "jobManagerTask");
  if (!raw) return undefined;
  return {
    id: requiredId(raw, "id"),
    ...(typeof raw.displayName === "string" ? { displayName: raw.displayName } : {}),
    commandLine: requiredString(raw, "commandLine"),
    killJobOnCompletion: raw.killJobOnCompletion !== false,
  };
}

const nameValues = (v: unknown): NameValue[] | undefined => (Array.isArray(v) ? (v as NameValue[]) : undefined);

/** The jobSpecification element with the defaults the service fills in and echoes (job-schedule-get.json). */
export function parseJobSpecification(b: Record<string, unknown>): JobSpecification {
  const spec = requiredObject(b, "jobSpecification");
  const poolInfo = requiredObject(spec, "poolInfo", "jobSpecification.poolInfo");
  if (typeof poolInfo.poolId !== "string" || poolInfo.poolId === "") throw Errors.missingProperty("jobSpecification.poolInfo.poolId");
  const constraints = optionalObject(spec, "constraints") ?? {};
  const wallClock = constraints.maxWallClockTime;
  if (wallClock !== undefined && (typeof wallClock !== "string" || parseDuration(wallClock) === undefined)) {
    throw Errors.invalidProperty("maxWallClockTime", wallClock, "Expected an ISO 8601 duration.");
  }
  const manager = jobManagerTaskOf(spec);
  const env = nameValues(spec.commonEnvironmentSettings);
  const metadata = nameValues(spec.metadata);
  return {
    priority: optionalInt(spec, "priority", 0, -1000, 1000),
    maxParallelTasks: optionalInt(spec, "maxParallelTasks", -1, -1, 100_000),
    allowTaskPreemption: spec.allowTaskPreemption === true,
    usesTaskDependencies: spec.usesTaskDependencies === true,
    onAllTasksComplete: enumValue(spec, "onAllTasksComplete", ["noaction", "terminatejob"] as const, "noaction"),
    onTaskFailure: enumValue(spec, "onTaskFailure", ["noaction", "performexitoptionsjobaction"] as const, "noaction"),
    constraints: {
      maxWallClockTime: typeof wallClock === "string" ? wallClock : UNLIMITED,
      maxTaskRetryCount: optionalInt(constraints, "maxTaskRetryCount", 0, -1, 100),
    },
    ...(typeof spec.displayName === "string" ? { displayName: spec.displayName } : {}),
    ...(manager ? { jobManagerTask: manager } : {}),
    ...(env ? { commonEnvironmentSettings: env } : {}),
    poolInfo: { poolId: poolInfo.poolId },
    ...(metadata ? { metadata } : {}),
  };
}
