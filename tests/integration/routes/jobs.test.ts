import { describe, expect, it } from "vitest";
import { GET as jobFailuresGET } from "@/app/api/accounts/[account]/jobs/[jobId]/failures/route";
import { GET as poolFailuresGET } from "@/app/api/accounts/[account]/pools/[poolId]/failures/route";
import { GET as jobGET } from "@/app/api/accounts/[account]/jobs/[jobId]/route";
import { GET as taskGET } from "@/app/api/accounts/[account]/jobs/[jobId]/tasks/[taskId]/route";
import { GET as tasksGET } from "@/app/api/accounts/[account]/jobs/[jobId]/tasks/route";
import { GET as jobsGET } from "@/app/api/accounts/[account]/jobs/route";
import { classifyTask } from "@/lib/failures/classify-task";
import { failureSummaryResponse } from "@/lib/schemas/failures";
import { jobDetailResponse, jobListResponse } from "@/lib/schemas/jobs";
import { taskDetailResponse, taskPage, type TaskPage } from "@/lib/schemas/tasks";
import { all, callOk, defined, emulatorPerSuite, iso, odataTime, sdkTasks, tally, type RouteTestEnv } from "./support";

// The demo scenario: three jobs and a schedule's three runs, and etl-nightly holds one failed task of every category of the taxonomy.
const env: RouteTestEnv = emulatorPerSuite({ scenario: "demo", account: "jobs-demo" });
const a = () => env.account;

/** Every page of a task query, following nextCursor. */
async function allTaskPages(jobId: string, query: string): Promise<TaskPage["tasks"]> {
  const rows: TaskPage["tasks"] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 100; i++) {
    const page = await callOk(
      tasksGET,
      `/api/accounts/${a()}/jobs/${jobId}/tasks?${query}${cursor ? `&cursor=${cursor}` : ""}`,
      { account: a(), jobId },
      taskPage,
    );
    rows.push(...page.tasks);
    cursor = page.nextCursor;
    if (!cursor) return rows;
  }
  throw new Error("more than 100 pages");
}

describe("GET /api/accounts/[account]/jobs", () => {
  it("lists every job with task counts equal to job.getTaskCounts", async () => {
    const body = await callOk(jobsGET, `/api/accounts/${a()}/jobs`, { account: a() }, jobListResponse);
    const jobs = await all(env.sdk.job.list(), (l) => env.sdk.job.listNext(l));
    expect(body.jobs.map((j) => j.id).sort()).toEqual(jobs.map((j) => j.id!).sort());
    // render-frames, etl-nightly, ml-training, and the three runs of the nightly-reindex schedule.
    expect(jobs.length).toBe(6);
    for (const j of jobs) {
      const row = body.jobs.find((r) => r.id === j.id)!;
      const counts = await env.sdk.job.getTaskCounts(j.id!);
      expect(row, j.id).toMatchObject(
        defined({
          state: j.state,
          poolId: j.poolInfo?.poolId,
          displayName: j.displayName,
          priority: j.priority ?? 0,
          creationTime: iso(j.creationTime),
          taskCounts: {
            active: counts.taskCounts.active,
            running: counts.taskCounts.running,
            completed: counts.taskCounts.completed,
            succeeded: counts.taskCounts.succeeded,
            failed: counts.taskCounts.failed,
          },
        }),
      );
    }
    expect(body.jobs.find((j) => j.id === "etl-nightly")!.taskCounts!.failed).toBeGreaterThanOrEqual(10);
  });

  it("filters by pool (as Batch's executionInfo/poolId filter does) and leaves counts out on counts=false", async () => {
    const body = await callOk(jobsGET, `/api/accounts/${a()}/jobs?poolId=etl-pool&counts=false`, { account: a() }, jobListResponse);
    const jobs = await env.sdk.job.list({ jobListOptions: { filter: "executionInfo/poolId eq 'etl-pool'" } });
    expect(body.jobs.map((j) => j.id)).toEqual(jobs.map((j) => j.id));
    expect(body.jobs.map((j) => j.id)).toEqual(["etl-nightly", "nightly-reindex:job-1", "nightly-reindex:job-2", "nightly-reindex:job-3"]);
    for (const j of body.jobs) expect(j.taskCounts).toBeUndefined();
  });
});

describe("GET /api/accounts/[account]/jobs/[jobId]", () => {
  it.each(["render-frames", "etl-nightly", "ml-training"])("%s equals job.get and job.getTaskCounts", async (jobId) => {
    const { job } = await callOk(jobGET, `/api/accounts/${a()}/jobs/${jobId}`, { account: a(), jobId }, jobDetailResponse);
    const [j, counts] = await Promise.all([env.sdk.job.get(jobId), env.sdk.job.getTaskCounts(jobId)]);
    expect(job).toMatchObject(
      defined({
        id: jobId,
        displayName: j.displayName,
        state: j.state,
        poolId: j.poolInfo?.poolId,
        priority: j.priority ?? 0,
        creationTime: iso(j.creationTime),
        stateTransitionTime: iso(j.stateTransitionTime),
        maxTaskRetryCount: j.constraints?.maxTaskRetryCount,
        onAllTasksComplete: j.onAllTasksComplete,
        onTaskFailure: j.onTaskFailure,
        taskCounts: { ...counts.taskCounts },
        taskSlotCounts: { ...counts.taskSlotCounts },
      }),
    );
  });
});

describe("GET /api/accounts/[account]/jobs/[jobId]/tasks/[taskId]", () => {
  it("gives every failed task of etl-nightly one category, an explanation and a next step, as classifyTask reads the SDK's task", async () => {
    const failed = await sdkTasks(env, "etl-nightly", "executionInfo/result eq 'failure'");
    expect(failed.length).toBeGreaterThanOrEqual(10);
    const categories = new Set<string>();
    for (const t of failed) {
      const { task } = await callOk(
        taskGET,
        `/api/accounts/${a()}/jobs/etl-nightly/tasks/${t.id}`,
        { account: a(), jobId: "etl-nightly", taskId: t.id! },
        taskDetailResponse,
      );
      const c = classifyTask({ ...t, id: t.id! });
      expect(task, t.id).toMatchObject(
        defined({
          id: t.id,
          jobId: "etl-nightly",
          state: "completed",
          commandLine: t.commandLine,
          nodeId: t.nodeInfo?.nodeId,
          poolId: t.nodeInfo?.poolId,
          startTime: iso(t.executionInfo?.startTime),
          endTime: iso(t.executionInfo?.endTime),
          result: "failure",
          failureCode: t.executionInfo?.failureInfo?.code,
          retryCount: t.executionInfo?.retryCount ?? 0,
          requeueCount: t.executionInfo?.requeueCount ?? 0,
          classification: defined({ outcome: "failed", category: c.category, explanation: c.explanation, nextStep: c.nextStep, code: c.code }),
        }),
      );
      expect(task.exitCode).toBe(t.executionInfo?.exitCode);
      expect(task.classification.category).toBeDefined();
      expect(task.classification.explanation!.length).toBeGreaterThan(10);
      expect(task.classification.nextStep!.length).toBeGreaterThan(5);
      // The emulator sends "UserError" as the service does; the dashboard reads it into the REST enum's spelling.
      if (t.executionInfo?.failureInfo)
        expect(task.failureInfo).toMatchObject({ code: t.executionInfo.failureInfo.code, category: t.executionInfo.failureInfo.category.toLowerCase() });
      // A SAS signature never leaves the server.
      expect(JSON.stringify(task)).not.toMatch(/sig=(?!\[redacted\])[^&"]+/);
      categories.add(task.classification.category!);
    }
    for (const c of ["PreProcessing", "FileUpload", "Constraint", "Terminated", "Container", "Node", "Unknown"]) expect(categories).toContain(c);
  });

  it("explains a non-zero exit code (137: killed, out of memory) on an Application failure", async () => {
    const oom = (await sdkTasks(env, "render-frames", "executionInfo/exitCode eq 137"))[0];
    expect(oom, "the demo has an OOM-killed frame").toBeDefined();
    const { task } = await callOk(
      taskGET,
      `/api/accounts/${a()}/jobs/render-frames/tasks/${oom!.id}`,
      { account: a(), jobId: "render-frames", taskId: oom!.id! },
      taskDetailResponse,
    );
    expect(task.exitCode).toBe(137);
    expect(task.classification).toMatchObject({ outcome: "failed", category: "Application", exitCode: 137 });
    expect(task.classification.exitCodeMeaning).toMatch(/SIGKILL|kill/i);
    expect(task.classification.explanation).toContain("137");
  });

  it("shows a succeeded task with a state and no category", async () => {
    const ok = (await sdkTasks(env, "render-frames", "executionInfo/result eq 'success'"))[0]!;
    const { task } = await callOk(
      taskGET,
      `/api/accounts/${a()}/jobs/render-frames/tasks/${ok.id}`,
      { account: a(), jobId: "render-frames", taskId: ok.id! },
      taskDetailResponse,
    );
    expect(task).toMatchObject({ id: ok.id, state: "completed", exitCode: 0, result: "success", classification: { outcome: "succeeded" } });
    expect(task.classification.category).toBeUndefined();
  });
});

describe("GET /api/accounts/[account]/jobs/[jobId]/tasks (category filters on the demo)", () => {
  it.each(["PreProcessing", "FileUpload", "Constraint", "Terminated", "Container", "Node", "Unknown", "Application"] as const)(
    "category=%s returns exactly the tasks classifyTask puts there",
    async (category) => {
      const rows = await allTaskPages("etl-nightly", `category=${category}&pageSize=5`);
      const expected = (await sdkTasks(env, "etl-nightly")).filter((t) => classifyTask({ ...t, id: t.id! }).category === category);
      expect(expected.length, `the demo has a ${category} failure`).toBeGreaterThan(0);
      expect(rows.map((r) => r.id).sort()).toEqual(expected.map((t) => t.id!).sort());
      for (const r of rows) expect(r.classification.category).toBe(category);
    },
  );

  it("exitCode takes a Windows code signed or unsigned, as people paste it (0xC000013A = -1073741510 = 3221225786)", async () => {
    const sdk = await sdkTasks(env, "etl-nightly", "executionInfo/exitCode eq -1073741510");
    expect(sdk.length).toBeGreaterThan(0);
    const signed = await allTaskPages("etl-nightly", "exitCode=-1073741510");
    expect(signed.map((r) => r.id)).toEqual(sdk.map((t) => t.id));
    const unsigned = await allTaskPages("etl-nightly", "exitCode=3221225786");
    expect(unsigned.map((r) => r.id)).toEqual(sdk.map((t) => t.id));
    expect(signed[0]!.classification.category).toBe("Constraint");
  });

  it("finds a task that failed with exit code 0 (upload failure) as a failure", async () => {
    const rows = await allTaskPages("etl-nightly", "category=FileUpload");
    expect(rows.some((r) => r.exitCode === 0 && r.classification.outcome === "failed")).toBe(true);
  });
});

describe("failure summaries over every category (demo)", () => {
  it.each([
    ["pool", "etl-pool"],
    ["job", "etl-nightly"],
    ["job", "render-frames"],
  ] as const)("%s %s: counts by category and exit code equal classifying the SDK's tasks of the last 24 h", async (kind, id) => {
    const path = kind === "pool" ? `/api/accounts/${a()}/pools/${id}/failures?window=24h` : `/api/accounts/${a()}/jobs/${id}/failures?window=24h`;
    const s = await callOk(
      kind === "pool" ? poolFailuresGET : jobFailuresGET,
      path,
      kind === "pool" ? { account: a(), poolId: id } : { account: a(), jobId: id },
      failureSummaryResponse,
    );
    expect(s.scope).toEqual({ kind, id });
    const jobIds = kind === "job" ? [id] : (await env.sdk.job.list({ jobListOptions: { filter: `executionInfo/poolId eq '${id}'` } })).map((j) => j.id!);
    const filter = `state eq 'completed' and executionInfo/endTime ge ${odataTime(s.window.from)} and executionInfo/endTime lt ${odataTime(s.window.to)}`;
    const tasks = (await Promise.all(jobIds.map((j) => sdkTasks(env, j, filter)))).flat();
    const failed = tasks.filter((t) => classifyTask({ ...t, id: t.id! }).outcome === "failed");
    expect(s.completed).toBe(tasks.length);
    expect(s.failed).toBe(failed.length);
    expect(Object.fromEntries(s.byCategory.map((c) => [c.category, c.count]))).toEqual(tally(failed, (t) => classifyTask({ ...t, id: t.id! }).category));
    expect(Object.fromEntries(s.byExitCode.map((c) => [String(c.exitCode), c.count]))).toEqual(tally(failed, (t) => t.executionInfo?.exitCode));
    if (id === "etl-nightly") expect(s.byCategory.length).toBe(8);
  });
});
