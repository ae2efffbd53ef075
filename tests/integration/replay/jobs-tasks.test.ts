import { describe, expect, it } from "vitest";
import { GET as jobGET } from "@/app/api/accounts/[account]/jobs/[jobId]/route";
import { GET as taskGET } from "@/app/api/accounts/[account]/jobs/[jobId]/tasks/[taskId]/route";
import { GET as tasksGET } from "@/app/api/accounts/[account]/jobs/[jobId]/tasks/route";
import { GET as jobsGET } from "@/app/api/accounts/[account]/jobs/route";
import { jobDetailResponse, jobListResponse } from "@/lib/schemas/jobs";
import { taskDetailResponse, taskPage } from "@/lib/schemas/tasks";
import { callOk } from "../routes/support";
import { recordedBody, replayPerSuite } from "./support";

const iso = (s: string) => new Date(s).toISOString();
const SCHEDULED = "testDisableEnableTerminateJobSchedule:job-1";

// The PowerShell 2019 job list (a deleting job and a terminated schedule's job), the batch-cli-extensions
// 2022 job with its one succeeded task, and the azure-sdk-for-python 2020 task that failed to start.
const JOB_FIXTURES = [
  "job-list-with-schedule-job",
  "task-counts-job1-derived",
  "task-counts-scheduled-job-derived",
  "job-get-scheduled-derived",
  "job-get",
  "task-counts-ncj-ubuntu1604-derived",
  "task-list",
  "task-get",
  "task-get-failed",
];

/** A replay of JOB_FIXTURES for the calling suite, under its own account name (so no read cache is shared). */
function replayJobs(account: string) {
  const env = replayPerSuite(account, JOB_FIXTURES);
  return { env, a: () => env.account, base: () => `/api/accounts/${env.account}` };
}

describe("jobs from a recording, one made by a job schedule", () => {
  const { env, a, base } = replayJobs("replay-jobs");

  it("lists the jobs with states, pools, termination reasons and task counts", async () => {
    const body = await callOk(jobsGET, `${base()}/jobs`, { account: a() }, jobListResponse);
    const recorded = recordedBody("job-list-with-schedule-job").value as { id: string; state: string; executionInfo: { endTime?: string } }[];
    expect(body.jobs.map((j) => j.id)).toEqual(recorded.map((j) => j.id));
    expect(body.jobs).toEqual([
      expect.objectContaining({
        id: "job1",
        state: "deleting",
        poolId: "testPool",
        priority: 0,
        taskCounts: { active: 0, running: 0, completed: 0, succeeded: 0, failed: 0 },
      }),
      expect.objectContaining({
        id: SCHEDULED,
        state: "completed",
        poolId: "testPool",
        terminateReason: "TerminateWorkitem",
        endTime: iso(recorded[1]!.executionInfo.endTime!),
        taskCounts: { active: 0, running: 0, completed: 0, succeeded: 0, failed: 0 },
      }),
    ]);
    expect(env.server.count("GET", `/jobs/${SCHEDULED}/taskcounts`)).toBe(1);
  });

  it("shows a job created by a schedule, its id <schedule>:job-1 intact", async () => {
    const { job } = await callOk(jobGET, `${base()}/jobs/${encodeURIComponent(SCHEDULED)}`, { account: a(), jobId: SCHEDULED }, jobDetailResponse);
    expect(job).toMatchObject({
      id: SCHEDULED,
      state: "completed",
      terminateReason: "TerminateWorkitem",
      maxTaskRetryCount: 0,
      maxWallClockTime: "P10675199DT2H48M5.4775807S",
    });
    expect(job.onAllTasksComplete).toBe("noaction");
    expect(env.server.count("GET", `/jobs/${SCHEDULED}`)).toBe(1);
  });

  it("shows a job with the task counts Batch reports", async () => {
    const { job } = await callOk(jobGET, `${base()}/jobs/ncj-ubuntu1604`, { account: a(), jobId: "ncj-ubuntu1604" }, jobDetailResponse);
    const r = recordedBody("job-get");
    expect(job).toMatchObject({ id: "ncj-ubuntu1604", state: r.state, poolId: r.poolInfo.poolId, creationTime: iso(r.creationTime) });
    expect(job.taskCounts).toEqual({ active: 0, running: 0, completed: 1, succeeded: 1, failed: 0 });
    expect(job.taskSlotCounts).toEqual(job.taskCounts);
  });
});

describe("tasks from a recording: succeeded, with output files, failed to start", () => {
  const { a, base } = replayJobs("replay-jobs-tasks");

  it("lists a job's tasks: the succeeded one with its exit code and node", async () => {
    const body = await callOk(tasksGET, `${base()}/jobs/ncj-ubuntu1604/tasks`, { account: a(), jobId: "ncj-ubuntu1604" }, taskPage);
    const r = (recordedBody("task-list").value as { id: string; executionInfo: Record<string, string>; nodeInfo: Record<string, string> }[])[0]!;
    expect(body.tasks).toHaveLength(1);
    expect(body.tasks[0]).toMatchObject({
      id: r.id,
      state: "completed",
      exitCode: 0,
      result: "success",
      nodeId: r.nodeInfo.nodeId,
      poolId: "ncj-ubuntu1604",
      startTime: iso(r.executionInfo.startTime!),
      endTime: iso(r.executionInfo.endTime!),
      classification: { outcome: "succeeded" },
    });
    expect(body.tasks[0]!.nodeId).toHaveLength(72);
    expect(body.nextCursor).toBeUndefined();
  });

  it("shows a task with its output files, the SAS signature still redacted", async () => {
    const { task } = await callOk(
      taskGET,
      `${base()}/jobs/ncj-ubuntu1604/tasks/myTask`,
      { account: a(), jobId: "ncj-ubuntu1604", taskId: "myTask" },
      taskDetailResponse,
    );
    expect(task).toMatchObject({
      id: "myTask",
      commandLine: '/bin/bash -c "echo test"',
      requiredSlots: 1,
      taskRootDirectory: "workitems/ncj-ubuntu1604/job-1/myTask",
    });
    // Recorded as "TaskSuccess" (sent as "tasksuccess"): the dashboard reads it into the REST enum's one spelling.
    expect(task.outputFiles).toEqual([
      { filePattern: "$AZ_BATCH_TASK_DIR/*.txt", destination: expect.stringContaining("sig=[redacted]"), uploadCondition: "tasksuccess" },
    ]);
  });

  it("shows a task that failed to start as Batch said: UserError, CommandProgramNotFound, no exit code", async () => {
    const { task } = await callOk(
      taskGET,
      `${base()}/jobs/batch98930ae3/tasks/test_task`,
      { account: a(), jobId: "batch98930ae3", taskId: "test_task" },
      taskDetailResponse,
    );
    const fi = recordedBody("task-get-failed").executionInfo.failureInfo;
    expect(fi.category).toBe("UserError");
    expect(task.failureInfo).toEqual({ category: expect.any(String), code: fi.code, message: fi.message, details: fi.details });
    // Batch's category in the dashboard's own spelling of the REST enum ("usererror") or as sent: the same value either way.
    expect(task.failureInfo!.category!.toLowerCase()).toBe("usererror");
    expect(task).toMatchObject({
      state: "completed",
      result: "failure",
      failureCode: "CommandProgramNotFound",
      nodeId: recordedBody("task-get-failed").nodeInfo.nodeId,
    });
    expect(task.exitCode).toBeUndefined();
    expect(task.classification).toMatchObject({ outcome: "failed", category: "PreProcessing", code: "CommandProgramNotFound" });
    expect(task.classification.serviceCategory?.toLowerCase()).toBe("usererror");
  });
});

describe("a job list in two pages", () => {
  const env = replayPerSuite("replay-paged", [
    "job-list-page-1-derived",
    "job-list-page-2-derived",
    "task-counts-job1-derived",
    "task-counts-scheduled-job-derived",
  ]);

  it("follows odata.nextLink to the last page", async () => {
    const body = await callOk(jobsGET, `/api/accounts/${env.account}/jobs?counts=false`, { account: env.account }, jobListResponse);
    expect(body.jobs.map((j) => j.id)).toEqual(["job1", SCHEDULED]);
    expect(env.server.requests.filter((r) => r.path === "/jobs").map((r) => r.fixture)).toEqual(["job-list-page-1-derived", "job-list-page-2-derived"]);
  });
});
