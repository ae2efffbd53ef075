import { z } from "zod";
import { nodeId } from "./inputs";

export const timeWindow = z.object({ from: z.number(), to: z.number() });

export const failureSummaryResponse = z.object({
  asOf: z.string(),
  scope: z.object({ kind: z.enum(["pool", "job"]), id: z.string() }),
  window: timeWindow,
  completed: z.number(),
  failed: z.number(),
  byCategory: z.array(z.object({ category: z.string(), count: z.number() })),
  byExitCode: z.array(z.object({ exitCode: z.number(), count: z.number() })),
  jobsRead: z.number(),
  pagesRead: z.number(),
});
export type FailureSummaryResponse = z.infer<typeof failureSummaryResponse>;

export const heatmapRow = z.object({
  nodeId: z.string(),
  state: z.string(),
  schedulingState: z.string().optional(),
  gone: z.boolean(),
  failures: z.number(),
  completed: z.number().optional(),
  failureRate: z.number().optional(),
  dominantCategory: z.string().optional(),
});

export const heatmapResponse = z.object({
  asOf: z.string(),
  scope: z.object({ kind: z.enum(["pool", "job"]), id: z.string() }),
  poolId: z.string().optional(),
  window: timeWindow,
  edges: z.array(z.number()),
  rows: z.array(heatmapRow),
  counts: z.array(z.number()),
  dominant: z.array(z.number()),
  categories: z.array(z.string()),
  totals: z.object({ failures: z.number(), nodesWithFailures: z.number(), byCategory: z.record(z.string(), z.number()) }),
  maxCell: z.number(),
  verdict: z.object({ kind: z.enum(["concentrated", "spread", "none"]), text: z.string(), topNodes: z.array(z.string()), topShare: z.number() }),
  excluded: z.object({ outsideWindow: z.number(), noNode: z.number() }),
  jobsRead: z.number(),
  pagesRead: z.number(),
});
export type HeatmapResponse = z.infer<typeof heatmapResponse>;

export const heatmapQuery = z.object({ buckets: z.coerce.number().int().min(1).max(240).default(60) });

export const cellTasksQuery = z.object({
  nodeId,
  cellFrom: z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)),
  cellTo: z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)),
});

export const cellTasksResponse = z.object({
  asOf: z.string(),
  nodeId: z.string(),
  from: z.number(),
  to: z.number(),
  groups: z.array(
    z.object({
      category: z.string(),
      tasks: z.array(z.object({ jobId: z.string(), taskId: z.string(), endTime: z.number(), exitCode: z.number().optional() })),
    }),
  ),
});
export type CellTasksResponse = z.infer<typeof cellTasksResponse>;

export const heatmapProgress = z.object({
  loading: z.boolean(),
  pagesRead: z.number().optional(),
  pagesEstimate: z.number().optional(),
  jobsRead: z.number().optional(),
  jobsTotal: z.number().optional(),
  elapsedMs: z.number().optional(),
});
export type HeatmapProgress = z.infer<typeof heatmapProgress>;
