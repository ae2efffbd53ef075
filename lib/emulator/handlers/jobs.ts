import { iso } from "../clock";
import { Errors } from "../errors";
import { body, enumValue, optionalInt, requiredId } from "../http/input";
import { entityReply, listPage } from "../http/list";
import type { Reply, RouteContext, Router } from "../http/router";
import { JOB_PROPS, jobJson } from "../http/serialize";
import { createdHeaders, entityHeaders } from "../http/wire-headers";
import type { WireJob } from "../model/types";
import { JOB_FILTER } from "../odata/schemas";
import { completeJob, terminateTask } from "../sim/task-runs";
import { shownTaskCounts } from "../sim/task-counts";
import { jobOf } from "./lookup";

/** POST /jobs: a new active job on the named pool. */
function createJob(c: RouteContext): Reply {
  const b = body(c);
  const id = requiredId(b, "id");
  if (c.sim.store.jobs.has(id)) throw Errors.jobExists();
  const poolInfo = b.poolInfo as { poolId?: unknown } | undefined;
  if (!poolInfo || typeof poolInfo.poolId !== "string") throw Errors.missingProperty("poolInfo.poolId");
  const now = c.sim.now();
  const created = iso(now);
  const constraints = (b.constraints ?? undefined) as WireJob["constraints"];
  const wire: WireJob = {
    id,
    ...(typeof b.displayName === "string" ? { displayName: b.displayName } : {}),
    usesTaskDependencies: b.usesTaskDependencies === true,
    eTag: "",
    lastModified: created,
    creationTime: created,
    state: "active",
    stateTransitionTime: created,
    priority: optionalInt(b, "priority", 0, -1000, 1000),
    maxParallelTasks: optionalInt(b, "maxParallelTasks", -1, -1, 100_000),
    allowTaskPreemption: b.allowTaskPreemption === true,
    ...(constraints ? { constraints } : {}),
    poolInfo: { poolId: poolInfo.poolId },
    onAllTasksComplete: enumValue(b, "onAllTasksComplete", ["noaction", "terminatejob"] as const, "noaction"),
    onTaskFailure: enumValue(b, "onTaskFailure", ["noaction", "performexitoptionsjobaction"] as const, "noaction"),
    ...(Array.isArray(b.metadata) ? { metadata: b.metadata as WireJob["metadata"] } : {}),
    executionInfo: { startTime: created, poolId: poolInfo.poolId },
  };
  c.sim.store.touch(wire, now);
  const job = c.sim.store.newJob(wire);
  return { status: 201, headers: createdHeaders(jobJson(job, c.baseUrl).url, job.wire) };
}

/** POST /jobs/{id}/terminate: terminating now, its running tasks ended and the job completed two seconds later. */
function terminateJob(c: RouteContext): Reply {
  const job = jobOf(c);
  const b = body(c);
  const state = job.wire.state;
  if (state === "completed") throw Errors.jobCompleted();
  if (state === "deleting") throw Errors.jobBeingDeleted();
  if (state === "terminating") throw Errors.jobBeingTerminated();
  const reason = typeof b.terminateReason === "string" ? b.terminateReason : "UserTerminate";
  const now = c.sim.now();
  job.wire.previousState = state;
  job.wire.previousStateTransitionTime = job.wire.stateTransitionTime;
  job.wire.state = "terminating";
  job.wire.stateTransitionTime = iso(now);
  c.sim.store.touch(job.wire, now);
  c.sim.queue.after(2_000, () => {
    for (const task of job.tasks.values()) {
      if (task.wire.state === "running") terminateTask(c.sim, job, task, "The task was terminated because its job was terminated.");
    }
    completeJob(c.sim, job, reason);
  });
  return { status: 202 };
}

export function jobRoutes(r: Router): void {
  r.on("GET", "/jobs", (c) =>
    listPage(c, c.sim.store.jobs, {
      filter: JOB_FILTER,
      selectable: JOB_PROPS,
      filterView: (j) => j.wire,
      toWire: (j) => jobJson(j, c.baseUrl),
    }),
  );

  r.on("POST", "/jobs", createJob);

  r.on("GET", "/jobs/:jobId", (c) => {
    const job = jobOf(c);
    return entityReply(c, JOB_PROPS, jobJson(job, c.baseUrl), "jobs", entityHeaders(job.wire));
  });

  r.on("GET", "/jobs/:jobId/taskcounts", (c) => {
    const job = jobOf(c);
    return { status: 200, json: { "odata.metadata": `${c.baseUrl}/$metadata#taskcountsresult/@Element`, ...shownTaskCounts(job) } };
  });

  r.on("POST", "/jobs/:jobId/terminate", terminateJob);

  r.on("DELETE", "/jobs/:jobId", (c) => {
    const job = jobOf(c);
    if (job.wire.state === "deleting") throw Errors.jobBeingDeleted();
    const now = c.sim.now();
    job.wire.previousState = job.wire.state;
    job.wire.state = "deleting";
    job.wire.stateTransitionTime = iso(now);
    c.sim.store.touch(job.wire, now);
    c.sim.queue.after(5_000, () => {
      for (const task of job.tasks.values()) if (task.wire.state === "running") terminateTask(c.sim, job, task, "The job was deleted.");
      c.sim.store.jobs.delete(job.wire.id);
    });
    return { status: 202 };
  });
}
