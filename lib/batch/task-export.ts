import "server-only";
import { objectsToCsv } from "@/lib/csv";
import type { TaskQuery } from "@/lib/schemas/inputs";
import type { TaskRow } from "@/lib/schemas/tasks";
import type { BatchAccount } from "./accounts";
import { listTasks } from "./tasks";

/** An export reads at most this many tasks (10 requests of 1,000): a spreadsheet of the incident, not a dump of the job. */
export const MAX_EXPORT_TASKS = 10_000;

const COLUMNS: { header: string; value: (t: TaskRow) => string | number | undefined }[] = [
  { header: "Task", value: (t) => t.id },
  { header: "Job", value: (t) => t.jobId },
  { header: "State", value: (t) => t.state },
  { header: "Outcome", value: (t) => t.classification.outcome },
  { header: "Category", value: (t) => t.classification.category },
  { header: "Exit code", value: (t) => t.exitCode },
  { header: "Failure code", value: (t) => t.failureCode },
  { header: "Node", value: (t) => t.nodeId },
  { header: "Pool", value: (t) => t.poolId },
  { header: "Start", value: (t) => t.startTime },
  { header: "End", value: (t) => t.endTime },
  { header: "Retries", value: (t) => t.retryCount },
  { header: "Requeues", value: (t) => t.requeueCount },
];

/** The tasks of one filter, every page up to the bound, as CSV; `leftOut` when more matched. */
export async function exportTasks(account: BatchAccount, jobId: string, q: TaskQuery): Promise<{ csv: string; leftOut: boolean }> {
  const rows: TaskRow[] = [];
  let cursor: string | undefined;
  do {
    const page = await listTasks(account, jobId, { ...q, pageSize: 1000, ...(cursor ? { cursor } : {}) });
    rows.push(...page.tasks);
    cursor = page.nextCursor;
  } while (cursor && rows.length < MAX_EXPORT_TASKS);
  return { csv: objectsToCsv(COLUMNS, rows.slice(0, MAX_EXPORT_TASKS)), leftOut: Boolean(cursor) || rows.length > MAX_EXPORT_TASKS };
}
