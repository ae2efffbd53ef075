import { Errors } from "../errors";
import type { TaskAction } from "../model/types";
import type { RouteContext } from "./router";

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function body(c: RouteContext): Record<string, unknown> {
  if (c.body === undefined) return {};
  if (typeof c.body !== "object" || c.body === null || Array.isArray(c.body)) throw Errors.invalidRequestBody("The body must be a JSON object.");
  return c.body as Record<string, unknown>;
}

export function requiredId(b: Record<string, unknown>, name: string): string {
  const v = b[name];
  if (v === undefined || v === null || v === "") throw Errors.missingProperty(name);
  if (typeof v !== "string" || !ID.test(v)) {
    throw Errors.invalidProperty(
      name,
      v,
      "The id can contain any combination of alphanumeric characters including hyphens and underscores, and cannot contain more than 64 characters.",
    );
  }
  return v;
}

export function requiredString(b: Record<string, unknown>, name: string): string {
  const v = b[name];
  if (v === undefined || v === null || v === "") throw Errors.missingProperty(name);
  if (typeof v !== "string") throw Errors.invalidProperty(name, v, "Expected a string.");
  return v;
}

export function optionalInt(b: Record<string, unknown>, name: string, fallback: number, min: number, max: number): number {
  const v = b[name];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) throw Errors.invalidProperty(name, v, `Expected an integer from ${min} to ${max}.`);
  return v;
}

/** Batch accepts enum values in any case and answers in lowercase (docs/real-service.md "Values on the wire"). */
export function enumValue<T extends string>(b: Record<string, unknown>, name: string, allowed: readonly T[], fallback: T): T {
  const v = b[name];
  if (v === undefined || v === null) return fallback;
  const lower = typeof v === "string" ? v.toLowerCase() : "";
  const hit = allowed.find((a) => a === lower);
  if (!hit) throw Errors.invalidProperty(name, v, `Allowed values: ${allowed.join(", ")}.`);
  return hit;
}

export const TASK_ACTIONS: readonly TaskAction[] = ["requeue", "terminate", "taskcompletion", "retaineddata"];
export const DISABLE_ACTIONS: readonly TaskAction[] = ["requeue", "terminate", "taskcompletion"];

export function stringArray(b: Record<string, unknown>, name: string, max: number): string[] {
  const v = b[name];
  if (v === undefined) throw Errors.missingProperty(name);
  if (!Array.isArray(v) || v.length === 0 || v.length > max || v.some((x) => typeof x !== "string")) {
    throw Errors.invalidProperty(name, JSON.stringify(v), `Expected 1 to ${max} strings.`);
  }
  return v as string[];
}
