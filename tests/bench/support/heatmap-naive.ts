/**
 * The heatmap benchmark's naive side (every task of every job, all fields, aggregated by the client, as Batch
 * Explorer's graphs read tasks), and the check that it and ours see the same failures per node.
 */
import { BatchServiceClient, BatchSharedKeyCredentials, type BatchServiceModels } from "@azure/batch";
import type { BatchAccount } from "../../../lib/batch/accounts";
import type { TimeWindow } from "../../../lib/heatmap/window";
import type { HeatmapResponse } from "../../../lib/schemas/failures";

/** As many chains as ours runs at most (the account's read slots, lib/batch/client.ts): the naive side gets
 * the same parallelism, so the comparison measures $select/$filter and the cache, not concurrency. */
const NAIVE_JOB_CONCURRENCY = 8;

/** Failed tasks per node in one window, counted the way a client without our taxonomy would: result "failure". */
export interface Tally {
  window: TimeWindow;
  byNode: Map<string, number>;
  total: number;
  noNode: number;
}

const newTally = (window: TimeWindow): Tally => ({ window, byNode: new Map(), total: 0, noNode: 0 });

function countTask(t: BatchServiceModels.CloudTask, tallies: readonly Tally[]): void {
  if (t.state !== "completed" || t.executionInfo?.result !== "failure") return;
  const end = t.executionInfo.endTime?.getTime();
  if (end === undefined) return;
  const node = t.nodeInfo?.nodeId;
  for (const tally of tallies) {
    if (end < tally.window.from || end >= tally.window.to) continue;
    tally.total++;
    if (node) tally.byNode.set(node, (tally.byNode.get(node) ?? 0) + 1);
    else tally.noNode++;
  }
}

/** A plain SDK client with the SDK's defaults (its own retry policies, no cache, no $select/$filter). */
export function naiveClient(account: BatchAccount): BatchServiceClient {
  if (!account.key) throw new Error("the naive client needs the account's shared key");
  return new BatchServiceClient(new BatchSharedKeyCredentials(account.batchAccountName, account.key), account.url);
}

/** Every job, all fields, kept if it ran on the pool: a naive client has no $filter on executionInfo/poolId. */
async function naiveJobsOfPool(client: BatchServiceClient, poolId: string): Promise<string[]> {
  const ids: string[] = [];
  let page = await client.job.list();
  for (;;) {
    for (const j of page) if ((j.executionInfo?.poolId ?? j.poolInfo?.poolId) === poolId && j.id) ids.push(j.id);
    if (!page.odatanextLink) return ids;
    page = await client.job.listNext(page.odatanextLink);
  }
}

/** Every page of one job's tasks at the default page size; pages are tallied and dropped, never held. */
async function naiveJobTasks(client: BatchServiceClient, jobId: string, tallies: readonly Tally[]): Promise<number> {
  let read = 0;
  let page = await client.task.list(jobId);
  for (;;) {
    read += page.length;
    for (const t of page) countTask(t, tallies);
    if (!page.odatanextLink) return read;
    page = await client.task.listNext(page.odatanextLink);
  }
}

/** Failed tasks per node of the pool in each window, the naive way: every task of every job that ran on it. */
export async function naiveHeatmapCounts(
  client: BatchServiceClient,
  poolId: string,
  windows: readonly TimeWindow[],
  jobLimit = Infinity,
): Promise<{ tallies: Tally[]; tasksRead: number }> {
  const tallies = windows.map(newTally);
  const jobIds = (await naiveJobsOfPool(client, poolId)).slice(0, jobLimit);
  let tasksRead = 0;
  let next = 0;
  const worker = async () => {
    while (next < jobIds.length) {
      // Read the count first and add after: `tasksRead += await …` would add to a total read before the await.
      const read = await naiveJobTasks(client, jobIds[next++]!, tallies);
      tasksRead += read;
    }
  };
  await Promise.all(Array.from({ length: Math.min(NAIVE_JOB_CONCURRENCY, jobIds.length) }, worker));
  return { tallies, tasksRead };
}

// ---------------------------------------------------------------------------------------------- agreement

/**
 * Both approaches must see the same failures per node in the same window, or the comparison is between a
 * right answer and a wrong one. Aborts with the first differences.
 */
export function assertSameFailures(label: string, ours: HeatmapResponse, naive: Tally): void {
  const oursByNode = new Map(ours.rows.filter((r) => r.failures > 0).map((r) => [r.nodeId, r.failures] as const));
  const nodes = new Set([...oursByNode.keys(), ...naive.byNode.keys()]);
  const diffs = [...nodes].filter((n) => (oursByNode.get(n) ?? 0) !== (naive.byNode.get(n) ?? 0));
  const problems: string[] = diffs.slice(0, 5).map((n) => `${n}: ours ${oursByNode.get(n) ?? 0}, naive ${naive.byNode.get(n) ?? 0}`);
  if (ours.totals.failures !== naive.total - naive.noNode)
    problems.unshift(`totals: ours ${ours.totals.failures}, naive ${naive.total - naive.noNode} (+${naive.noNode} without a node)`);
  if (problems.length > 0)
    throw new Error(`${label}: ours and naive disagree on failed tasks per node (${diffs.length} nodes differ):\n  ${problems.join("\n  ")}`);
}
