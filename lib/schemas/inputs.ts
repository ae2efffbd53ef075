import { z } from "zod";
import { RELATIVE_WINDOWS } from "@/lib/heatmap/window";
import { failureCategory } from "./tasks";

/** Ids a user creates (pools, jobs, tasks, job schedules): letters, digits, hyphen and underscore, at most 64 characters. */
export const batchId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be 1–64 letters, digits, hyphens or underscores");

/**
 * Node ids are made by the service, not by users, so the 64-character creation rule does not hold:
 * virtual-machine pools give `tvmps_<64 hex>_d` (72 characters), see docs/real-service.md. The character
 * set is the same; the length bound only keeps hostile input out.
 */
export const nodeId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, "must be 1–128 letters, digits, hyphens or underscores");

/**
 * A job id: one a user created, or one the service made for a job schedule's run, `<scheduleId>:job-<n>`
 * (docs/real-service.md).
 */
export const jobId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}(:job-[0-9]{1,10})?$/, "must be 1–64 letters, digits, hyphens or underscores, or a scheduled job's id such as nightly:job-12");

/**
 * A file path inside a task or node directory: relative, no "..", no control characters, bounded. Each
 * rule holds for the path as sent and as any further percent-decoding would read it (a proxy or front end
 * that decodes once more must not find a "..", a leading slash or a NUL where this check saw none), and a
 * segment of only dots and spaces is refused with ".." itself: Windows drops trailing dots and spaces, so
 * ".. " and "..." can end as "..".
 */
export const filePath = z
  .string()
  .min(1, "is empty")
  .max(1024, "is longer than 1024 characters")
  .refine((p) => !/[\u0000-\u001f\u007f]/.test(decodedFully(p)), "contains a control character")
  .refine((p) => !/^[\\/]|^[A-Za-z]:/.test(decodedFully(p)), "must be relative")
  .refine((p) => !decodedFully(p).split(/[\\/]/).some(isParentSegment), "must not contain a '..' segment");

const isParentSegment = (segment: string) => segment !== "." && /^\.[. ]*$/.test(segment);

/** Percent-decoded until nothing changes (each round that changes it shortens it): the strictest reading any hop could make. */
function decodedFully(text: string): string {
  for (let current = text; ;) {
    const next = decodeLeniently(current);
    if (next === current) return current;
    current = next;
  }
}

/**
 * One percent-decoding as lenient servers do it: each run of valid escapes decoded, a malformed one left as
 * it is, so "%zz/%2e%2e" still reads as "%zz/.." (decodeURIComponent would give up on the whole string).
 * A run that is not UTF-8 still gives up its ASCII escapes, the ones that spell dots, slashes and controls.
 */
function decodeLeniently(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run.replace(/%[0-7][0-9A-Fa-f]/g, (escape) => String.fromCharCode(parseInt(escape.slice(1), 16)));
    }
  });
}

export const relativeWindow = z.enum(RELATIVE_WINDOWS);
const isoInstant = z.iso.datetime({ offset: true, error: "must be an ISO 8601 time such as 2026-11-27T10:00:00Z" }).transform((s) => Date.parse(s));

/** A window is relative (15m … 7d) or absolute (from and to, both); absolute wins when both are given. */
export const windowQuery = z
  .object({ window: relativeWindow.optional(), from: isoInstant.optional(), to: isoInstant.optional() })
  .refine((w) => (w.from === undefined) === (w.to === undefined), { message: "from and to go together", path: ["from"] })
  .refine((w) => w.from === undefined || w.to === undefined || w.from < w.to, { message: "from must be before to", path: ["from"] })
  .refine((w) => w.from === undefined || w.to === undefined || w.to - w.from <= 31 * 86_400_000, { message: "a window is at most 31 days", path: ["to"] });
export type WindowQuery = z.infer<typeof windowQuery>;

export const TASK_STATES = ["active", "preparing", "running", "completed"] as const;
/** The task table's outcome filter: how a completed task ended, or running now; "all" is every task. */
export const TASK_OUTCOMES = ["failed", "succeeded", "running", "all"] as const;

export const taskQuery = z
  .object({
    state: z.enum(TASK_STATES).optional(),
    category: failureCategory.optional(),
    outcome: z.enum(TASK_OUTCOMES).optional(),
    nodeId: nodeId.optional(),
    exitCode: z.coerce.number().int().min(-2147483648).max(4294967295).optional(),
    window: relativeWindow.optional(),
    from: isoInstant.optional(),
    to: isoInstant.optional(),
    pageSize: z.coerce.number().int().min(1).max(1000).default(100),
    cursor: z
      .string()
      .max(4096)
      .regex(/^[A-Za-z0-9_-]+$/, "is not a cursor this server issued")
      .optional(),
  })
  .refine((q) => (q.from === undefined) === (q.to === undefined), { message: "from and to go together", path: ["from"] })
  .refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, { message: "from must be before to", path: ["from"] });
export type TaskQuery = z.infer<typeof taskQuery>;

/** A list route's answer as JSON (the default) or as a CSV download. */
export const exportFormat = z.object({ format: z.enum(["json", "csv"]).default("json") });

/** Query values as zod reads them: absent stays absent, a repeated name keeps its first value. */
export function searchParamsObject(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of params) if (!(k in out)) out[k] = v;
  return out;
}

export const fileReadQuery = z
  .object({
    offset: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    length: z.coerce
      .number()
      .int()
      .min(1)
      .max(8 * 1024 * 1024, "at most 8 MiB per read")
      .optional(),
    properties: z.enum(["true", "false"]).optional(),
    /** Where a line (1-based) starts, for #L links into files of any size. */
    line: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
    /** Search the whole file on the server, streamed as NDJSON. */
    search: z.string().min(1, "is empty").max(200, "is longer than 200 characters").optional(),
    /** The line the operator is at: the search starts there and comes round to it from the top. */
    from: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
    regex: z.enum(["true", "false"]).default("false"),
    case: z.enum(["true", "false"]).default("false"),
    /** The whole file, streamed through the server. */
    download: z.enum(["1", "true"]).optional(),
  })
  .refine((q) => [q.properties === "true", q.line !== undefined, q.search !== undefined, q.download !== undefined].filter(Boolean).length <= 1, {
    message: "ask for one of properties, line, search or download",
  });

/** A URL path segment as typed: percent-decoded when that is valid, else kept as is (then rejected by filePath if unsafe). */
export function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Route and page params as Next.js hands them over keep some percent-encoding: a scheduled job's id arrives
 * as `nightly%3Ajob-5` when its link encodes the colon. Ids are decoded once here (an id never holds "%", so
 * this cannot decode twice); catch-all file paths (arrays) are left to their pages, which decode each part.
 */
export function decodeParams<T extends Record<string, string | string[] | undefined>>(raw: T): T {
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, typeof v === "string" ? safeDecode(v) : v])) as T;
}
