import type { NodeDetailResponse } from "@/lib/schemas/nodes";

type RecentTask = NodeDetailResponse["node"]["recentTasks"][number];

const latestKnown = (t: RecentTask) => {
  const at = Date.parse(t.endTime ?? t.startTime ?? "");
  return Number.isNaN(at) ? -Infinity : at;
};

/**
 * Batch's recent tasks of a node, latest first by what is known of each: its end time, else its start time
 * (a running task), and those with neither last. Equal times keep Batch's order.
 */
export function byLatestKnown(tasks: readonly RecentTask[]): RecentTask[] {
  return tasks
    .map((t, i) => ({ t, i, at: latestKnown(t) }))
    .sort((a, b) => b.at - a.at || a.i - b.i)
    .map((x) => x.t);
}
