import { describe, expect, it } from "vitest";
import { failureSummaryResponse, heatmapResponse, cellTasksResponse } from "@/lib/schemas/failures";
import { fileListResponse } from "@/lib/schemas/files";
import { jobScheduleDetailResponse, jobScheduleJobsResponse, jobScheduleListResponse } from "@/lib/schemas/job-schedules";
import { jobDetailResponse } from "@/lib/schemas/jobs";
import { taskDetailResponse, taskPage } from "@/lib/schemas/tasks";
import { everyRoute, handlers } from "./route-table";
import { all, call, callBytes, callOk, emulatorPerSuite, expectApiError, fullHeatmap, iso, type RouteTestEnv, sdkTasks } from "./support";

// The incident scenario: nightly-reindex ran daily on prod-ingest; its recent run, job-5, fails on the bad nodes.
const env: RouteTestEnv = emulatorPerSuite({ scenario: "incident", account: "sched-incident" });
const a = () => env.account;
const SCHEDULE = "nightly-reindex";
const RECENT = "nightly-reindex:job-5";

/** Every route that takes a job id, by its name in the route table. */
const JOB_ROUTES = ["job", "tasks", "task", "task files", "task file", "job failures", "job heatmap", "job heatmap cell", "job signatures", "job compare"];

describe("GET …/jobschedules, …/jobschedules/{id}, …/jobschedules/{id}/jobs", () => {
  it("lists the schedules as Batch does, with the recent job's task counts", async () => {
    const body = await callOk(handlers.jobSchedulesGET, `/api/accounts/${a()}/jobschedules`, { account: a() }, jobScheduleListResponse);
    const sdk = await env.sdk.jobSchedule.list();
    expect(body.schedules.map((s) => s.id)).toEqual(sdk.map((s) => s.id));
    const row = body.schedules.find((s) => s.id === SCHEDULE)!;
    const truth = sdk.find((s) => s.id === SCHEDULE)!;
    const counts = await env.sdk.job.getTaskCounts(RECENT);
    expect(row).toEqual({
      id: SCHEDULE,
      displayName: truth.displayName,
      state: "active",
      creationTime: iso(truth.creationTime),
      stateTransitionTime: iso(truth.stateTransitionTime),
      recurrenceInterval: "P1D",
      startWindow: "PT1H",
      nextRunTime: iso(truth.executionInfo!.nextRunTime),
      poolId: "prod-ingest",
      recentJob: { id: RECENT, taskCounts: { ...counts.taskCounts } },
    });
    expect(row.recentJob!.taskCounts!.failed).toBeGreaterThan(0);
  });

  it("gets one schedule with its job template's settings", async () => {
    const body = await callOk(
      handlers.jobScheduleGET,
      `/api/accounts/${a()}/jobschedules/${SCHEDULE}`,
      { account: a(), scheduleId: SCHEDULE },
      jobScheduleDetailResponse,
    );
    const truth = await env.sdk.jobSchedule.get(SCHEDULE);
    expect(body.schedule).toMatchObject({
      id: SCHEDULE,
      state: truth.state,
      priority: truth.jobSpecification!.priority,
      maxTaskRetryCount: truth.jobSpecification!.constraints!.maxTaskRetryCount,
      onAllTasksComplete: truth.jobSpecification!.onAllTasksComplete,
      recentJob: { id: RECENT },
    });
  });

  it("lists the schedule's jobs newest first, as listFromJobSchedule has them", async () => {
    const body = await callOk(
      handlers.jobScheduleJobsGET,
      `/api/accounts/${a()}/jobschedules/${SCHEDULE}/jobs`,
      { account: a(), scheduleId: SCHEDULE },
      jobScheduleJobsResponse,
    );
    const truth = await all(env.sdk.job.listFromJobSchedule(SCHEDULE), (l) => env.sdk.job.listFromJobScheduleNext(l));
    expect(body.scheduleId).toBe(SCHEDULE);
    expect(body.jobs.map((j) => j.id)).toEqual([5, 4, 3, 2, 1].map((n) => `${SCHEDULE}:job-${n}`));
    expect(body.jobs.map((j) => j.id).sort()).toEqual(truth.map((j) => j.id!).sort());
    expect(body.jobs.map((j) => j.state)).toEqual(["active", "completed", "completed", "completed", "completed"]);
    const counts = await env.sdk.job.getTaskCounts(RECENT);
    expect(body.jobs[0]!.taskCounts).toEqual({ ...counts.taskCounts });
  });
});

describe("GET …/jobschedules/{id} and …/jobs: unknown and invalid schedule ids", () => {
  it("answers 404 for an unknown schedule with Batch's code and request id, on the schedule and its jobs", async () => {
    for (const [handler, url] of [
      [handlers.jobScheduleGET, `/api/accounts/${a()}/jobschedules/no-such-schedule`],
      [handlers.jobScheduleJobsGET, `/api/accounts/${a()}/jobschedules/no-such-schedule/jobs`],
    ] as const) {
      const error = expectApiError(await call(handler, url, { account: a(), scheduleId: "no-such-schedule" }), "notFound", 404);
      expect(error.code).toBe("JobScheduleNotFound");
      expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it.each([
    ["a scheduled job's id (a schedule id has no colon)", RECENT],
    ["65 characters", "x".repeat(65)],
    ["a quote", "a'b"],
    ["dots", "a..b"],
  ])("answers 400 naming scheduleId for %s, before any Batch call", async (_, scheduleId) => {
    await env.resetStats();
    for (const handler of [handlers.jobScheduleGET, handlers.jobScheduleJobsGET]) {
      const r = await call(handler, `/api/accounts/${a()}/jobschedules/x`, { account: a(), scheduleId });
      const error = expectApiError(r, "badRequest", 400);
      expect(error.message).toMatch(/scheduleId/);
    }
    expect((await env.stats()).total).toBe(0);
  });
});

describe("a scheduled job's id (<schedule>:job-<n>) through every route that takes a job id", () => {
  const failedTask = async () => (await sdkTasks(env, RECENT, "executionInfo/result eq 'failure'"))[0]!;

  it("job, tasks, task, task files and task file answer for it as for any job", async () => {
    const t = await failedTask();
    const jobId = RECENT;
    const job = await callOk(handlers.jobGET, `/api/accounts/${a()}/jobs/${encodeURIComponent(jobId)}`, { account: a(), jobId }, jobDetailResponse);
    expect(job.job).toMatchObject({ id: RECENT, state: "active", poolId: "prod-ingest" });
    const page = await callOk(handlers.tasksGET, `/api/accounts/${a()}/jobs/${jobId}/tasks?state=completed&pageSize=1000`, { account: a(), jobId }, taskPage);
    expect(page.tasks.length).toBe(job.job.taskCounts.completed);
    const task = await callOk(handlers.taskGET, `/api/accounts/${a()}/jobs/${jobId}/tasks/${t.id}`, { account: a(), jobId, taskId: t.id! }, taskDetailResponse);
    expect(task.task).toMatchObject({ id: t.id, nodeId: t.nodeInfo!.nodeId });
    const files = await callOk(
      handlers.taskFilesGET,
      `/api/accounts/${a()}/jobs/${jobId}/tasks/${t.id}/files`,
      { account: a(), jobId, taskId: t.id! },
      fileListResponse,
    );
    expect(files.files.map((f) => f.name)).toContain("stderr.txt");
    const stderr = await callBytes(handlers.taskFileGET, `/api/accounts/${a()}/jobs/${jobId}/tasks/${t.id}/files/stderr.txt`, {
      account: a(),
      jobId,
      taskId: t.id!,
      path: ["stderr.txt"],
    });
    expect(stderr.status).toBe(200);
    expect(stderr.bytes.toString("utf8")).toMatch(/No space left on device|Killed|out of memory/i);
  });

  it("job failures, heatmap and heatmap cell count its failures as the SDK has them", async () => {
    const jobId = RECENT;
    const failures = await callOk(
      handlers.jobFailuresGET,
      `/api/accounts/${a()}/jobs/${jobId}/failures?window=6h`,
      { account: a(), jobId },
      failureSummaryResponse,
    );
    const failed = await sdkTasks(env, RECENT, "executionInfo/result eq 'failure'");
    expect(failures.scope).toEqual({ kind: "job", id: RECENT });
    expect(failures.failed).toBe(failed.length);
    const heatmap = await fullHeatmap(
      handlers.jobHeatmapGET,
      `/api/accounts/${a()}/jobs/${jobId}/heatmap?window=6h&buckets=12`,
      { account: a(), jobId },
      heatmapResponse,
    );
    expect(heatmap.totals.failures).toBe(failed.length);
    const top = heatmap.rows[0]!;
    expect(failed.map((t) => t.nodeInfo!.nodeId)).toContain(top.nodeId);
    const col = heatmap.counts.slice(0, heatmap.edges.length - 1).findIndex((n) => n > 0);
    const cellQuery = `window=6h&buckets=12&nodeId=${top.nodeId}&cellFrom=${new Date(heatmap.edges[col]!).toISOString()}&cellTo=${new Date(heatmap.edges[col + 1]!).toISOString()}`;
    const cell = await callOk(
      handlers.jobHeatmapCellGET,
      `/api/accounts/${a()}/jobs/${jobId}/heatmap/cell?${cellQuery}`,
      { account: a(), jobId },
      cellTasksResponse,
    );
    const listed = cell.groups.flatMap((g) => g.tasks);
    expect(listed.length).toBe(heatmap.counts[col]);
    expect(listed.every((t) => t.jobId === RECENT && failed.some((f) => f.id === t.taskId))).toBe(true);
  });

  it("every job route takes it (none answers 400)", async () => {
    const t = await failedTask();
    const ids = { poolId: "prod-ingest", nodeId: t.nodeInfo!.nodeId!, jobId: RECENT, taskId: t.id!, taskFile: "stderr.txt", nodeFile: "startup/stdout.txt" };
    const jobRoutes = everyRoute(a(), ids, "window=1h").filter((r) => "jobId" in r.params);
    expect(jobRoutes.map((r) => r.name)).toEqual(JOB_ROUTES);
    for (const route of jobRoutes) {
      const r = await call(route.handler, route.url, route.params);
      expect(r.status, `${route.name}: ${r.text.slice(0, 200)}`).toBe(200);
      // Next.js hands the id over as the link encoded it (nightly-reindex%3Ajob-5): the same answer.
      const encoded = await call(route.handler, route.url, { ...route.params, jobId: encodeURIComponent(RECENT) });
      expect(encoded.status, `${route.name} (encoded): ${encoded.text.slice(0, 200)}`).toBe(200);
    }
  });
});
