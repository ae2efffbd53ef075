import { z } from "zod";

/**
 * GET /api/accounts/{account}/pools/{poolId}/nodes/{nodeId}/failures?window=|from=&to= — the node's failed
 * tasks in the window, newest first, from the same read as the pool's heatmap (Batch cannot list tasks by
 * node), so their count is the node's heatmap row.
 */
export const nodeFailuresResponse = z.object({
  asOf: z.string(),
  nodeId: z.string(),
  window: z.object({ from: z.number(), to: z.number() }),
  /** Tasks of the pool's jobs that completed on this node in the window, failed or not. */
  completed: z.number(),
  tasks: z.array(
    z.object({
      jobId: z.string(),
      taskId: z.string(),
      endTime: z.number(),
      category: z.string(),
      exitCode: z.number().optional(),
    }),
  ),
});
export type NodeFailuresResponse = z.infer<typeof nodeFailuresResponse>;
