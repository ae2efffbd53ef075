import { Errors } from "../errors";
import type { JobRecord, NodeRecord, PoolRecord, TaskRecord } from "../model/types";
import type { RouteContext } from "../http/router";

export function poolOf(c: RouteContext): PoolRecord {
  const pool = c.sim.store.pools.get(c.params.poolId ?? "");
  if (!pool) throw Errors.poolNotFound();
  return pool;
}

export function nodeOf(c: RouteContext): { pool: PoolRecord; node: NodeRecord } {
  const pool = poolOf(c);
  const node = pool.nodes.get(c.params.nodeId ?? "");
  if (!node) throw Errors.nodeNotFound();
  return { pool, node };
}

export function jobOf(c: RouteContext): JobRecord {
  const job = c.sim.store.jobs.get(c.params.jobId ?? "");
  if (!job) throw Errors.jobNotFound();
  return job;
}

export function taskOf(c: RouteContext): { job: JobRecord; task: TaskRecord } {
  const job = jobOf(c);
  const task = job.tasks.get(c.params.taskId ?? "");
  if (!task) throw Errors.taskNotFound();
  return { job, task };
}
