import { z } from "zod";
import { nodeId } from "./inputs";
import { signatureId } from "./signature-id";

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

/**
 * The pool's (or job's) diagnosis: one computation (lib/heatmap, docs/diagnosis.md) that every number and
 * word on the page is read from. Optional on the wire until every producer fills it.
 */
export const diagnosisNode = z.object({
  nodeId: z.string(),
  failures: z.number(),
  completed: z.number().optional(),
  failureRate: z.number().optional(),
  /** the node's failed tasks by exit code, most first (null: failed without one) */
  exitCodes: z.array(z.object({ exitCode: z.number().nullable(), count: z.number() })),
  /** the node's failed tasks by job, most first */
  jobs: z.array(z.object({ jobId: z.string(), count: z.number() })),
  state: z.string(),
  schedulingState: z.string().optional(),
  /** already out of service: gone (removed), disabled scheduling, or a state that runs no tasks */
  handled: z.enum(["removed", "disabled", "unusable", "starttaskfailed", "offline"]).optional(),
  /** why it is named, in words ("fails 90% of 20 tasks; the rest of the pool 1%") */
  reasons: z.array(z.string()),
});
export type DiagnosisNode = z.infer<typeof diagnosisNode>;

export const diagnosisJob = z.object({
  jobId: z.string(),
  failures: z.number(),
  completed: z.number(),
  nodesWithFailures: z.number(),
  /** failures of this job outside the named bad nodes */
  failuresElsewhere: z.number(),
  /** its completed tasks, and the nodes it failed on, outside the named bad nodes (what the verdict's sentence
   * counts); optional, as snapshots saved before they were sent lack them */
  completedElsewhere: z.number().optional(),
  nodesElsewhere: z.number().optional(),
});

export const diagnosis = z.object({
  kind: z.enum(["node", "job", "both", "unsure", "none"]),
  /** short label: "Node problem", "Job problem", "Node and job problems", "Too few failures to tell", "No failures" */
  headline: z.string(),
  text: z.string(),
  /** the bad nodes still in service, then those already handled */
  nodes: z.array(diagnosisNode),
  jobs: z.array(diagnosisJob),
  counts: z.object({
    failures: z.number(),
    completed: z.number(),
    nodesWithFailures: z.number(),
    /** nodes that ran (completed) a task in the window */
    nodesActive: z.number(),
    nodesInPool: z.number(),
    /** what "Unhealthy nodes" means on the page (docs/diagnosis.md) */
    unhealthyNodes: z.number(),
  }),
  /** node faults that need no task failure to show: start-task failures, unusable or unknown nodes */
  nodeFaults: z.array(z.object({ kind: z.string(), text: z.string(), nodes: z.array(z.string()) })),
});
export type Diagnosis = z.infer<typeof diagnosis>;

/**
 * A heatmap's per-cell array (a number for each node × bucket: 120,000 on a 24 h answer of 2,000 nodes),
 * checked in one loop: checked element by element as `z.array(z.number())`, the answer's four such arrays
 * cost the browser about 280 ms of parsing before the first paint (profile of the scale pool page, 24 h).
 */
const cellNumbers = z.custom<number[]>((v) => {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== "number") return false;
  return true;
}, "Expected an array of numbers");

const colouring = z.object({ keys: z.array(z.string()), dominant: cellNumbers });

export const heatmapResponse = z.object({
  asOf: z.string(),
  scope: z.object({ kind: z.enum(["pool", "job"]), id: z.string() }),
  poolId: z.string().optional(),
  window: timeWindow,
  edges: z.array(z.number()),
  rows: z.array(heatmapRow),
  counts: cellNumbers,
  dominant: cellNumbers,
  categories: z.array(z.string()),
  totals: z.object({ failures: z.number(), nodesWithFailures: z.number(), byCategory: z.record(z.string(), z.number()) }),
  maxCell: z.number(),
  /** `pending`: the first answer, read from the failed tasks alone; the verdict waits for the completed totals. */
  verdict: z.object({ kind: z.enum(["concentrated", "spread", "none", "pending"]), text: z.string(), topNodes: z.array(z.string()), topShare: z.number() }),
  excluded: z.object({ outsideWindow: z.number(), noNode: z.number() }),
  diagnosis: diagnosis.optional(),
  /** failures by job and by exit code over the whole window (the same counts as the diagnosis) */
  byJob: z.array(z.object({ jobId: z.string(), failures: z.number() })).optional(),
  byExitCode: z.array(z.object({ exitCode: z.number().nullable(), count: z.number() })).optional(),
  /** the heatmap's colourings other than the count: per mode, its keys and each cell's dominant key index (−1 empty) */
  colourings: z.object({ job: colouring.optional(), exitCode: colouring.optional() }).optional(),
  jobsRead: z.number(),
  pagesRead: z.number(),
  /**
   * The first answer (docs/diagnosis.md, "Failures first"): read from the failed tasks alone, so every
   * row's failure count and every cell is exact, but no row has a completed count or a rate, and there is
   * no diagnosis yet. The completed tasks are being read; a later request gets the full answer.
   */
  ratesPending: z.boolean().optional(),
});
export type HeatmapResponse = z.infer<typeof heatmapResponse>;

export const heatmapQuery = z.object({
  buckets: z.coerce.number().int().min(1).max(240).default(60),
  /** Count only this failure signature's tasks (lib/schemas/signatures.ts). */
  signature: signatureId.optional(),
});

export const cellTasksQuery = z.object({
  nodeId,
  cellFrom: z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)),
  cellTo: z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)),
  /** List only this failure signature's tasks, as the filtered heatmap counts them. */
  signature: signatureId.optional(),
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
