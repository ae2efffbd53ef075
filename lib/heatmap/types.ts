/** The heatmap's input (failed task points, the node list) and the matrix it becomes. */
import type { Diagnosis } from "@/lib/schemas/failures";
import type { Tallies } from "./colourings";
import type { TimeWindow } from "./window";

export interface FailedTaskPoint {
  nodeId: string;
  /** epoch ms (executionInfo.endTime) */
  endTime: number;
  /** a FailureCategory; a plain string so this module stays independent of the taxonomy */
  category: string;
  jobId?: string;
  exitCode?: number;
}

export interface NodeInfo {
  id: string;
  state: string;
  schedulingState?: string;
  /** tasks run in the window, for the failure rate; may be undefined */
  tasksRun?: number;
  /** the start task failed (startTaskInfo.result), whatever the state says */
  startTaskFailed?: boolean;
  /** codes of the node's errors[] */
  errors?: string[];
}

export interface HeatmapInput {
  window: TimeWindow;
  buckets: number;
  /** today's nodes */
  nodes: NodeInfo[];
  failures: FailedTaskPoint[];
  /** completed tasks (success + failure) that ended in the window, per node (ids in any case), for the failure rate */
  completedByNode?: Map<string, number>;
  /** completed tasks per job, per node id (any case), for the diagnosis' job-by-job background rates */
  completedByJobNode?: Map<string, Map<string, number>>;
}

export interface HeatmapRow {
  nodeId: string;
  state: string;
  schedulingState?: string;
  gone: boolean;
  failures: number;
  completed?: number;
  failureRate?: number;
  dominantCategory?: string;
}

export type VerdictKind = "concentrated" | "spread" | "none";

export interface HeatmapVerdict {
  kind: VerdictKind;
  text: string;
  topNodes: string[];
  topShare: number;
}

export interface HeatmapMatrix {
  window: TimeWindow;
  edges: number[];
  /** sorted worst first: failures desc, then nodeId (never the rate, which the first answer lacks) */
  rows: HeatmapRow[];
  /** row-major, rows.length × buckets */
  counts: number[];
  /** row-major: index into `categories` of the most frequent category in the cell, −1 for empty */
  dominant: number[];
  /** categories seen in the window, most frequent first (ties by name) */
  categories: string[];
  totals: { failures: number; nodesWithFailures: number; byCategory: Record<string, number> };
  maxCell: number;
  verdict: HeatmapVerdict;
  /** the one computation every number and word of the page is read from (docs/diagnosis.md) */
  diagnosis: Diagnosis;
  byJob: Tallies["byJob"];
  byExitCode: Tallies["byExitCode"];
  colourings: Tallies["colourings"];
  /**
   * Failed tasks left out of the matrix, so the UI can say so rather than silently under-count: ended
   * outside the window (or with no valid end time), or have no node (e.g. ended before being scheduled).
   */
  excluded: { outsideWindow: number; noNode: number };
}

export const GONE_STATE = "gone";
