import { z } from "zod";

/**
 * The id search's query: a prefix or fragment of a pool, job, node or task id. Ids hold letters, digits,
 * hyphens, underscores (and a scheduled job's colon), so nothing else can match; two characters at least,
 * since one would match nearly every id of a large account.
 */
export const searchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(2, "needs at least 2 characters")
    .max(128, "is longer than 128 characters")
    .regex(/^[A-Za-z0-9_:-]+$/, "can hold only letters, digits, hyphens, underscores and colons (the characters of Batch ids)"),
});
export type SearchQuery = z.infer<typeof searchQuery>;

const hits = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number() });

export const searchResponse = z.object({
  asOf: z.string(),
  q: z.string(),
  pools: hits(z.object({ id: z.string(), state: z.string().optional() })),
  jobs: hits(z.object({ id: z.string(), state: z.string().optional() })),
  nodes: hits(z.object({ poolId: z.string(), id: z.string(), state: z.string().optional() })),
  tasks: hits(z.object({ jobId: z.string(), id: z.string(), state: z.string().optional() })),
  /** What was searched, so "no task found" is read against what was looked at. */
  searched: z.object({
    pools: z.number(),
    jobs: z.number(),
    nodes: z.number(),
    /** Jobs whose tasks were searched: active ones and those completed in the last day, newest first, bounded. */
    taskJobs: z.number(),
    /** Jobs left out of the task search by its bound. */
    taskJobsLeftOut: z.number(),
    /** Task ids read for fragment matching. */
    taskIdsRead: z.number(),
    /** Jobs with more tasks than the fragment read covers: their tasks were matched by prefix beyond it. */
    taskJobsPrefixOnly: z.array(z.string()),
  }),
});
export type SearchResponse = z.infer<typeof searchResponse>;
