import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_TIMINGS } from "@/lib/emulator/sim/context";
import { addJob, failure, readyPool, startHarness, taskCompleted, waitFor, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await readyPool(h, "work", 2);
});
afterAll(() => h.close());

describe("jobs", () => {
  it("creates, gets and lists jobs; a duplicate id is 409 JobExists", async () => {
    const res = await h.client.job.add({ id: "j-basic", displayName: "Basic", priority: 10, poolInfo: { poolId: "work" } });
    expect(res._response.status).toBe(201);
    const job = await h.client.job.get("j-basic");
    expect(job).toMatchObject({
      id: "j-basic",
      displayName: "Basic",
      state: "active",
      priority: 10,
      poolInfo: { poolId: "work" },
      url: `${h.emu.url}/jobs/j-basic`,
    });
    expect(job.creationTime).toBeInstanceOf(Date);
    const list = await h.client.job.list();
    expect(list.map((j) => j.id)).toContain("j-basic");
    const dup = await failure(h.client.job.add({ id: "j-basic", poolInfo: { poolId: "work" } }));
    expect([dup.statusCode, dup.code]).toEqual([409, "JobExists"]);
  });

  it("counts tasks by state and result (job.getTaskCounts)", async () => {
    await addJob(h, "j-counts", "work");
    await h.client.task.addCollection("j-counts", [
      { id: "long", commandLine: `/bin/sh -c "sleep 600"` },
      { id: "ok", commandLine: `/bin/sh -c "echo fine"` },
      { id: "bad", commandLine: `/bin/sh -c "exit 1"` },
    ]);
    const counts = await waitFor(
      h.emu,
      () => h.client.job.getTaskCounts("j-counts"),
      (c) => c.taskCounts.completed === 2,
    );
    expect(counts.taskCounts).toEqual({ active: 0, running: 1, completed: 2, succeeded: 1, failed: 1 });
    expect(counts.taskSlotCounts).toEqual({ active: 0, running: 1, completed: 2, succeeded: 1, failed: 1 });
  });

  it("answers taskcounts from a snapshot that lags task states by up to timings.taskCountsRefresh, as the service may", async () => {
    const lagging = await startHarness();
    try {
      // No pool behind the job: the task stays active, so only the snapshot can change what is counted.
      await lagging.client.job.add({ id: "j", poolInfo: { poolId: "none" } });
      await lagging.client.task.add("j", { id: "queued", commandLine: "true" });
      expect((await lagging.client.task.get("j", "queued")).state).toBe("active");
      // The task exists, yet the counts do not show it (the recorded service took minutes).
      const zero = { active: 0, running: 0, completed: 0, succeeded: 0, failed: 0 };
      expect((await lagging.client.job.getTaskCounts("j")).taskCounts).toEqual(zero);
      lagging.emu.advance(DEFAULT_TIMINGS.taskCountsRefresh / 2);
      expect((await lagging.client.job.getTaskCounts("j")).taskCounts).toEqual(zero);
      lagging.emu.advance(DEFAULT_TIMINGS.taskCountsRefresh / 2);
      expect((await lagging.client.job.getTaskCounts("j")).taskCounts).toEqual({ ...zero, active: 1 });
    } finally {
      await lagging.close();
    }
  });

  it("answers live taskcounts when the lag is set to 0", async () => {
    const live = await startHarness({ timings: { taskCountsRefresh: 0 } });
    try {
      await live.client.job.add({ id: "j", poolInfo: { poolId: "none" } });
      await live.client.task.add("j", { id: "t", commandLine: "true" });
      expect((await live.client.job.getTaskCounts("j")).taskCounts).toEqual({ active: 1, running: 0, completed: 0, succeeded: 0, failed: 0 });
    } finally {
      await live.close();
    }
  });
});

describe("jobs: termination and deletion", () => {
  it("terminates a job (202): terminating, then completed with its running task ended", async () => {
    const res = await h.client.job.terminate("j-counts");
    expect(res._response.status).toBe(202);
    expect((await h.client.job.get("j-counts")).state).toBe("terminating");
    const done = await waitFor(
      h.emu,
      () => h.client.job.get("j-counts"),
      (j) => j.state === "completed",
    );
    expect(done.executionInfo?.terminateReason).toBe("UserTerminate");
    expect(done.executionInfo?.endTime).toBeInstanceOf(Date);
    const long = await h.client.task.get("j-counts", "long");
    expect(long.state).toBe("completed");
    expect(long.executionInfo?.failureInfo?.code).toBe("TaskEnded");
    const late = await failure(h.client.task.add("j-counts", { id: "late", commandLine: "true" }));
    expect([late.statusCode, late.code]).toEqual([409, "JobCompleted"]);
  });

  it("deletes a job (202): deleting, then 404 JobNotFound", async () => {
    const res = await h.client.job.deleteMethod("j-counts");
    expect(res._response.status).toBe(202);
    expect((await h.client.job.get("j-counts")).state).toBe("deleting");
    await waitFor(
      h.emu,
      () => h.client.job.list(),
      (jobs) => !jobs.some((j) => j.id === "j-counts"),
    );
    const gone = await failure(h.client.job.get("j-counts"));
    expect([gone.statusCode, gone.code]).toEqual([404, "JobNotFound"]);
  });
});

/** The job every task test adds to, made once for the describe blocks below that share it. */
let tasksJob: Promise<unknown> | undefined;
const ensureTasksJob = () => (tasksJob ??= addJob(h, "j-tasks", "work"));

describe("tasks", () => {
  beforeAll(async () => {
    await ensureTasksJob();
  });

  it("adds a task (201), runs it and reports it through get and list", async () => {
    const res = await h.client.task.add("j-tasks", { id: "hello", displayName: "Hello", commandLine: `/bin/sh -c "echo hello"` });
    expect(res._response.status).toBe(201);
    const task = await taskCompleted(h, "j-tasks", "hello");
    expect(task).toMatchObject({
      id: "hello",
      displayName: "Hello",
      commandLine: `/bin/sh -c "echo hello"`,
      executionInfo: { exitCode: 0, result: "success", retryCount: 0, requeueCount: 0 },
      nodeInfo: { poolId: "work" },
      url: `${h.emu.url}/jobs/j-tasks/tasks/hello`,
    });
    expect(task.executionInfo?.failureInfo).toBeUndefined();
    expect(task.executionInfo!.endTime!.getTime()).toBeGreaterThanOrEqual(task.executionInfo!.startTime!.getTime());
    const list = await h.client.task.list("j-tasks");
    expect(list.find((t) => t.id === "hello")?.state).toBe("completed");
    const missing = await failure(h.client.task.get("j-tasks", "nope"));
    expect([missing.statusCode, missing.code]).toEqual([404, "TaskNotFound"]);
  });

  it("adds a collection (200) with one result per task, PascalCase as recorded, a duplicate as ClientError TaskExists", async () => {
    const res = await h.client.task.addCollection("j-tasks", [
      { id: "c1", commandLine: "true" },
      { id: "hello", commandLine: "true" },
      { id: "c2", commandLine: "true" },
    ]);
    expect(res._response.status).toBe(200);
    const byId = Object.fromEntries((res.value ?? []).map((r) => [r.taskId, r]));
    expect(byId.c1?.status).toBe("Success");
    expect(byId.c2?.status).toBe("Success");
    expect(byId.hello?.status).toBe("ClientError");
    expect(byId.hello?.error?.code).toBe("TaskExists");
    await taskCompleted(h, "j-tasks", "c2");
    const c1 = await h.client.task.get("j-tasks", "c1");
    expect(c1.executionInfo).toMatchObject({ exitCode: 0, result: "success" });
  });

  it("terminates an active or running task (204) as completed with TaskEnded; again is 409 TaskCompleted", async () => {
    await h.client.task.add("j-tasks", { id: "sleeper", commandLine: `/bin/sh -c "sleep 3600"` });
    await waitFor(
      h.emu,
      () => h.client.task.get("j-tasks", "sleeper"),
      (t) => t.state === "running",
    );
    const res = await h.client.task.terminate("j-tasks", "sleeper");
    expect(res._response.status).toBe(204);
    const t = await h.client.task.get("j-tasks", "sleeper");
    expect(t.state).toBe("completed");
    expect(t.executionInfo).toMatchObject({ result: "failure", failureInfo: { code: "TaskEnded" } });
    const twice = await failure(h.client.task.terminate("j-tasks", "sleeper"));
    expect([twice.statusCode, twice.code]).toEqual([409, "TaskCompleted"]);
  });
});

describe("tasks: reactivation, deletion and subtasks", () => {
  beforeAll(async () => {
    await ensureTasksJob();
  });

  it("reactivates a failed task (204): active with retryCount 0 and no exit code, then it runs again", async () => {
    await h.client.task.add("j-tasks", { id: "flaky", commandLine: `/bin/sh -c "exit 4"` });
    const failed = await taskCompleted(h, "j-tasks", "flaky");
    expect(failed.executionInfo).toMatchObject({ exitCode: 4, result: "failure" });
    const firstEnd = failed.executionInfo!.endTime!.getTime();

    const res = await h.client.task.reactivate("j-tasks", "flaky");
    expect(res._response.status).toBe(204);
    const again = await h.client.task.get("j-tasks", "flaky");
    // The scheduler may pick it up at once, but the previous outcome must be gone either way.
    expect(["active", "running"]).toContain(again.state);
    expect(again.executionInfo?.exitCode).toBeUndefined();
    expect(again.executionInfo?.failureInfo).toBeUndefined();
    expect(again.executionInfo?.retryCount).toBe(0);

    // Let the clock move so the rerun cannot end at the same instant as the first run.
    h.emu.advance(1_000);
    const rerun = await taskCompleted(h, "j-tasks", "flaky");
    expect(rerun.executionInfo!.endTime!.getTime()).toBeGreaterThan(firstEnd);
    expect(rerun.executionInfo?.exitCode).toBe(4);

    const ok = await failure(h.client.task.reactivate("j-tasks", "hello"));
    expect([ok.statusCode, ok.code]).toEqual([409, "TaskSucceeded"]);
  });

  it("deletes a task (200), after which it is 404", async () => {
    const res = await h.client.task.deleteMethod("j-tasks", "c1");
    expect(res._response.status).toBe(200);
    const gone = await failure(h.client.task.get("j-tasks", "c1"));
    expect([gone.statusCode, gone.code]).toEqual([404, "TaskNotFound"]);
    expect((await h.client.task.list("j-tasks")).map((t) => t.id)).not.toContain("c1");
  });

  it("lists subtasks: none for a plain task, one per extra instance for a multi-instance task", async () => {
    const plain = await h.client.task.listSubtasks("j-tasks", "hello");
    expect(plain.value).toEqual([]);
    await h.client.task.add("j-tasks", {
      id: "mpi",
      commandLine: `/bin/sh -c "echo rank"`,
      multiInstanceSettings: { numberOfInstances: 3, coordinationCommandLine: `/bin/sh -c "echo coordinate"` },
    });
    await taskCompleted(h, "j-tasks", "mpi");
    const subtasks = await h.client.task.listSubtasks("j-tasks", "mpi");
    expect(subtasks.value?.map((s) => s.id)).toEqual([1, 2]);
    expect(subtasks.value?.every((s) => s.state === "completed" && s.exitCode === 0)).toBe(true);
  });
});
