import "server-only";
import type { SearchResponse } from "@/lib/schemas/search";
import { JOB_STATES, NODE_STATES, POOL_STATES, TASK_STATES, wireEnum } from "@/lib/schemas/wire-values";
import type { BatchAccount } from "./accounts";
import type { AccountClient } from "./client";
import { mapLimit } from "./map-limit";
import { listAll } from "./paging";
import { cachedRead } from "./read";
import { searchKeys } from "./read-keys";
import { bestMatches, odataString } from "./search-match";

/** Ids change slowly: one read of the lists serves a minute of typing by everyone. */
const ID_TTL_MS = 60_000;
const SHOWN_PER_KIND = 20;
/** Node lists are one call (or a few pages) per pool; a few pools at a time, like the job list's counts. */
const POOL_CONCURRENCY = 4;
/** The task search covers at most this many jobs: the active ones and those completed in the last day, newest first. */
const MAX_TASK_JOBS = 20;
const RECENT_COMPLETED_MS = 24 * 3_600_000;
/**
 * Batch filters task ids by prefix only (`startswith(id, …)`, docs/real-service.md), so a fragment is
 * matched here over the ids read with `$select=id,state`: up to this many pages of 1,000 per job. Beyond
 * it, the job's tasks are still matched by prefix on Batch's side, and the answer names those jobs.
 */
const MAX_TASK_ID_PAGES = 5;

interface Id {
  id: string;
  state?: string;
}
interface JobId extends Id {
  changed: number;
}

const poolIds = (account: BatchAccount) =>
  cachedRead(
    account,
    searchKeys.pools(),
    async ({ client }) => {
      const { items } = await listAll(
        () => client.pool.list({ poolListOptions: { select: "id,state" } }),
        (link) => client.pool.listNext(link),
      );
      return { ids: items.map((p): Id => ({ id: p.id ?? "", state: wireEnum(p.state, POOL_STATES) })) };
    },
    ID_TTL_MS,
  );

const jobIds = (account: BatchAccount) =>
  cachedRead(
    account,
    searchKeys.jobs(),
    async ({ client }) => {
      const { items } = await listAll(
        () => client.job.list({ jobListOptions: { select: "id,state,stateTransitionTime" } }),
        (link) => client.job.listNext(link),
      );
      return {
        ids: items.map((j): JobId => ({
          id: j.id ?? "",
          state: wireEnum(j.state, JOB_STATES),
          changed: j.stateTransitionTime ? new Date(j.stateTransitionTime).getTime() : 0,
        })),
      };
    },
    ID_TTL_MS,
  );

const nodeIds = (account: BatchAccount, poolId: string) =>
  cachedRead(
    account,
    searchKeys.nodes(poolId),
    async ({ client }) => {
      const { items } = await listAll(
        () => client.computeNode.list(poolId, { computeNodeListOptions: { select: "id,state" } }),
        (link) => client.computeNode.listNext(link),
      ).catch((e: { statusCode?: number }) => (e.statusCode === 404 ? { items: [] } : Promise.reject(e)));
      return { ids: items.map((n): Id => ({ id: n.id ?? "", state: wireEnum(n.state, NODE_STATES) })) };
    },
    ID_TTL_MS,
  );

/** Up to MAX_TASK_ID_PAGES pages of a job's task ids; `complete` says whether that was all of them. */
const taskIds = (account: BatchAccount, jobId: string) =>
  cachedRead(
    account,
    searchKeys.taskIds(jobId),
    async ({ client }) => {
      const ids: Id[] = [];
      let page = await client.task.list(jobId, { taskListOptions: { select: "id,state", maxResults: 1000 } }).catch(gone);
      for (let pages = 1; ; pages++) {
        for (const t of page) ids.push({ id: t.id ?? "", state: wireEnum(t.state, TASK_STATES) });
        if (!page.odatanextLink || pages >= MAX_TASK_ID_PAGES) return { ids, complete: !page.odatanextLink };
        page = await client.task.listNext(page.odatanextLink);
      }
    },
    ID_TTL_MS,
  );

/** A job's tasks whose id starts with the query, filtered by Batch (one short call). */
const taskPrefix = (account: BatchAccount, jobId: string, q: string) =>
  cachedRead(account, searchKeys.taskPrefix(jobId, q), async ({ client }: AccountClient) => {
    const page = await client.task
      .list(jobId, { taskListOptions: { select: "id,state", filter: `startswith(id,${odataString(q)})`, maxResults: SHOWN_PER_KIND } })
      .catch(gone);
    return { ids: page.map((t): Id => ({ id: t.id ?? "", state: wireEnum(t.state, TASK_STATES) })) };
  });

/** A job or pool deleted between its list and this read has nothing to search. */
function gone(e: { statusCode?: number }): Promise<never> | ({ odatanextLink?: string } & never[]) {
  return e.statusCode === 404 ? ([] as never[]) : Promise.reject(e);
}

/** The jobs whose tasks are searched: active ones and those completed in the last day, most recently changed first. */
export function taskSearchJobs(jobs: readonly JobId[], now: number): { searched: JobId[]; leftOut: number } {
  const candidates = jobs.filter((j) => j.state !== "deleting" && (j.state !== "completed" || now - j.changed <= RECENT_COMPLETED_MS));
  candidates.sort((a, b) => b.changed - a.changed);
  return { searched: candidates.slice(0, MAX_TASK_JOBS), leftOut: Math.max(0, candidates.length - MAX_TASK_JOBS) };
}

async function searchTasks(account: BatchAccount, jobs: readonly JobId[], q: string) {
  const found: { jobId: string; id: string; state?: string }[] = [];
  const prefixOnly: string[] = [];
  let idsRead = 0;
  await mapLimit(jobs, POOL_CONCURRENCY, async (job) => {
    const read = await taskIds(account, job.id);
    idsRead += read.ids.length;
    const seen = new Set(read.ids.map((t) => t.id.toLowerCase()));
    const extra = read.complete ? [] : (await taskPrefix(account, job.id, q)).ids.filter((t) => !seen.has(t.id.toLowerCase()));
    if (!read.complete) prefixOnly.push(job.id);
    for (const t of [...read.ids, ...extra]) found.push({ jobId: job.id, ...t });
  });
  return { found, prefixOnly, idsRead };
}

/**
 * One search over the account's ids: pools and jobs from their lists, nodes from every pool's node list,
 * tasks from the recent jobs (see taskSearchJobs and MAX_TASK_ID_PAGES). Each kind is ranked exact,
 * prefix, fragment, and bounded; the answer says what was searched.
 */
export async function searchIds(account: BatchAccount, q: string, now = Date.now()): Promise<Omit<SearchResponse, "asOf"> & { asOf: string }> {
  const [pools, jobs] = await Promise.all([poolIds(account), jobIds(account)]);
  const taskJobs = taskSearchJobs(jobs.ids, now);
  const [nodeLists, tasks] = await Promise.all([
    mapLimit(pools.ids, POOL_CONCURRENCY, async (p) => (await nodeIds(account, p.id)).ids.map((n) => ({ poolId: p.id, ...n }))),
    searchTasks(account, taskJobs.searched, q),
  ]);
  const nodes = nodeLists.flat();
  const strip = <T extends Id>(x: T) => ({ id: x.id, ...(x.state ? { state: x.state } : {}) });
  const task = bestMatches(tasks.found, q, (t) => t.id, SHOWN_PER_KIND);
  const node = bestMatches(nodes, q, (n) => n.id, SHOWN_PER_KIND);
  const pool = bestMatches(pools.ids, q, (p) => p.id, SHOWN_PER_KIND);
  const job = bestMatches(jobs.ids, q, (j) => j.id, SHOWN_PER_KIND);
  return {
    asOf: pools.asOf,
    q,
    pools: { items: pool.items.map(strip), total: pool.total },
    jobs: { items: job.items.map(strip), total: job.total },
    nodes: { items: node.items.map((n) => ({ poolId: n.poolId, ...strip(n) })), total: node.total },
    tasks: { items: task.items.map((t) => ({ jobId: t.jobId, ...strip(t) })), total: task.total },
    searched: {
      pools: pools.ids.length,
      jobs: jobs.ids.length,
      nodes: nodes.length,
      taskJobs: taskJobs.searched.length,
      taskJobsLeftOut: taskJobs.leftOut,
      taskIdsRead: tasks.idsRead,
      taskJobsPrefixOnly: tasks.prefixOnly,
    },
  };
}
