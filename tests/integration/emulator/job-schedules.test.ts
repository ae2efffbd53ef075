import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, readyPool, startHarness, taskCompleted, waitFor, type Harness } from "./harness";

const HOUR = 3_600_000;
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await readyPool(h, "sched-pool", 2);
});
afterAll(() => h.close());

const spec = { poolInfo: { poolId: "sched-pool" }, constraints: { maxTaskRetryCount: 2 }, onAllTasksComplete: "terminatejob" as const };

describe("job schedules", () => {
  it("adds a schedule (201 with DataServiceId, Location, ETag) that creates <id>:job-1 at once", async () => {
    const res = await h.client.jobSchedule.add({ id: "nightly", schedule: { startWindow: "PT01H00M00S", recurrenceInterval: "P1D" }, jobSpecification: spec });
    expect(res._response.status).toBe(201);
    const headers = res._response.headers;
    expect(headers.get("dataserviceid")).toBe(`${h.emu.url}/jobschedules/nightly`);
    expect(headers.get("location")).toBe(`${h.emu.url}/jobschedules/nightly`);
    expect(headers.get("etag")).toMatch(/^0x[0-9A-F]+$/);
    const got = await h.client.jobSchedule.get("nightly");
    // The service normalises the durations and fills in the job specification's defaults (job-schedule-get.json).
    expect(got).toMatchObject({
      id: "nightly",
      url: `${h.emu.url}/jobschedules/nightly`,
      state: "active",
      schedule: { startWindow: "PT1H", recurrenceInterval: "P1D" },
      jobSpecification: {
        priority: 0,
        maxParallelTasks: -1,
        onAllTasksComplete: "terminatejob",
        onTaskFailure: "noaction",
        constraints: { maxWallClockTime: "P10675199DT2H48M5.4775807S", maxTaskRetryCount: 2 },
        poolInfo: { poolId: "sched-pool" },
      },
      executionInfo: { recentJob: { id: "nightly:job-1", url: `${h.emu.url}/jobs/nightly%3Ajob-1` } },
    });
    // Creating the job left the schedule's eTag as the add gave it.
    expect(got.eTag).toBe(headers.get("etag"));
    expect(got.executionInfo!.nextRunTime!.getTime() - got.creationTime!.getTime()).toBe(24 * HOUR);
    const job = await h.client.job.get("nightly:job-1");
    expect(job).toMatchObject({
      id: "nightly:job-1",
      state: "active",
      poolInfo: { poolId: "sched-pool" },
      constraints: { maxTaskRetryCount: 2 },
      onAllTasksComplete: "terminatejob",
    });
    const dup = await failure(h.client.jobSchedule.add({ id: "NIGHTLY", schedule: {}, jobSpecification: spec }));
    expect([dup.statusCode, dup.code]).toEqual([409, "JobScheduleExists"]);
  });

  it("runs a scheduled job's tasks, and the next job only after the recurrence interval", async () => {
    await h.client.task.add("nightly:job-1", { id: "t1", commandLine: `/bin/sh -c "echo reindex >&2; exit 3"` });
    const t = await taskCompleted(h, "nightly:job-1", "t1");
    expect(t.executionInfo).toMatchObject({ exitCode: 3, result: "failure" });
    const jobs = await h.client.job.listFromJobSchedule("nightly");
    expect(jobs.map((j) => j.id)).toEqual(["nightly:job-1"]);
    h.emu.advance(24 * HOUR);
    const later = await waitFor(
      h.emu,
      () => h.client.jobSchedule.get("nightly"),
      (s) => s.executionInfo?.recentJob?.id === "nightly:job-2",
      { stepMs: 60_000 },
    );
    expect(later.state).toBe("active");
    const both = await h.client.job.listFromJobSchedule("nightly", { jobListFromJobScheduleOptions: { select: "id,state" } });
    expect(both.map((j) => j.id).sort()).toEqual(["nightly:job-1", "nightly:job-2"]);
    // $select leaves the rest out (the SDK's mapper still fills its default for maxParallelTasks).
    expect(both[0]!.poolInfo).toBeUndefined();
    // job-1 ended with its only task (onAllTasksComplete: terminatejob) before job-2 came.
    expect(both.map((j) => j.state)).toEqual(["completed", "active"]);
  });
});

describe("job schedules: exists and listing", () => {
  it("exists answers true and false (HEAD 200/404)", async () => {
    expect((await h.client.jobSchedule.exists("nightly")).body).toBe(true);
    expect((await h.client.jobSchedule.exists("no-such")).body).toBe(false);
  });

  it("lists with $filter, $select and maxresults paging", async () => {
    await h.client.jobSchedule.add({ id: "later-a", schedule: { doNotRunUntil: new Date("2099-01-01T00:00:00Z") }, jobSpecification: spec });
    await h.client.jobSchedule.add({ id: "later-b", schedule: { doNotRunUntil: new Date("2099-01-01T00:00:00Z") }, jobSpecification: spec });
    const page = await h.client.jobSchedule.list({ jobScheduleListOptions: { maxResults: 2 } });
    expect(page.length).toBe(2);
    expect(page.odatanextLink).toBeTruthy();
    const rest = await h.client.jobSchedule.listNext(page.odatanextLink!);
    expect([...page, ...rest].map((s) => s.id)).toEqual(["nightly", "later-a", "later-b"]);
    const filtered = await h.client.jobSchedule.list({ jobScheduleListOptions: { filter: "startswith(id,'later')", select: "id,executionInfo" } });
    expect(filtered.map((s) => s.id)).toEqual(["later-a", "later-b"]);
    // Not yet run: the next run is doNotRunUntil and there is no recent job (job-schedule-list-filtered-2025.json).
    expect(filtered[0]!.executionInfo).toEqual({ nextRunTime: new Date("2099-01-01T00:00:00Z") });
    expect(filtered[0]!.state).toBeUndefined();
    const bad = await failure(h.client.jobSchedule.list({ jobScheduleListOptions: { filter: "nope eq 1" } }));
    expect([bad.statusCode, bad.code]).toEqual([400, "InvalidQueryParameterValue"]);
  });
});

describe("job schedules: changes and endings", () => {
  it("patches (only what it names) and updates (replaces all), each with a new ETag", async () => {
    const before = await h.client.jobSchedule.get("later-a");
    const patched = await h.client.jobSchedule.patch("later-a", { metadata: [{ name: "team", value: "search" }] });
    expect(patched._response.status).toBe(200);
    expect(patched._response.headers.get("etag")).not.toBe(before.eTag);
    const afterPatch = await h.client.jobSchedule.get("later-a");
    expect(afterPatch.schedule?.doNotRunUntil).toEqual(new Date("2099-01-01T00:00:00Z"));
    expect(afterPatch.metadata).toEqual([{ name: "team", value: "search" }]);
    const put = await h.client.jobSchedule.update("later-a", {
      schedule: { recurrenceInterval: "PT10H00M00S" },
      jobSpecification: { poolInfo: { poolId: "sched-pool" } },
    });
    expect(put._response.status).toBe(200);
    const afterPut = await h.client.jobSchedule.get("later-a");
    expect(afterPut.schedule).toEqual({ recurrenceInterval: "PT10H" });
    expect(afterPut.metadata).toBeUndefined();
    // No doNotRunUntil any more: the first job is due now.
    expect(afterPut.executionInfo?.recentJob?.id).toBe("later-a:job-1");
    const tooShort = await failure(h.client.jobSchedule.patch("later-a", { schedule: { recurrenceInterval: "PT30S" } }));
    expect([tooShort.statusCode, tooShort.code]).toEqual([400, "InvalidPropertyValue"]);
    const missing = await failure(h.client.jobSchedule.update("later-a", { schedule: {}, jobSpecification: { poolInfo: {} } }));
    expect([missing.statusCode, missing.code]).toEqual([400, "MissingRequiredProperty"]);
  });

  it("disables (204: no job is created) and enables (204: the missed run is skipped, the next one comes)", async () => {
    const res = await h.client.jobSchedule.disable("nightly");
    expect(res._response.status).toBe(204);
    const off = await h.client.jobSchedule.get("nightly");
    expect([off.state, off.previousState, off.executionInfo?.nextRunTime]).toEqual(["disabled", "active", undefined]);
    h.emu.advance(26 * HOUR);
    expect((await h.client.jobSchedule.get("nightly")).executionInfo?.recentJob?.id).toBe("nightly:job-2");
    expect((await h.client.jobSchedule.enable("nightly"))._response.status).toBe(204);
    const on = await h.client.jobSchedule.get("nightly");
    expect(on.state).toBe("active");
    expect(on.executionInfo?.recentJob?.id).toBe("nightly:job-2");
    expect(on.executionInfo?.nextRunTime!.getTime()).toBeGreaterThan(Date.parse(new Date(on.lastModified!).toISOString()));
  });
});

describe("job schedules: termination, deletion and a run once", () => {
  it("terminates (202): the running job ends with the schedule, which completes; later changes are 409", async () => {
    const res = await h.client.jobSchedule.terminate("nightly");
    expect(res._response.status).toBe(202);
    expect((await h.client.jobSchedule.get("nightly")).state).toBe("terminating");
    const again = await failure(h.client.jobSchedule.terminate("nightly"));
    expect([again.statusCode, again.code]).toEqual([409, "JobScheduleBeingTerminated"]);
    const done = await waitFor(
      h.emu,
      () => h.client.jobSchedule.get("nightly"),
      (s) => s.state === "completed",
      { stepMs: 1_000 },
    );
    expect(done.executionInfo?.endTime).toBeInstanceOf(Date);
    expect(done.executionInfo?.nextRunTime).toBeUndefined();
    const job2 = await h.client.job.get("nightly:job-2");
    expect([job2.state, job2.executionInfo?.terminateReason]).toEqual(["completed", "TerminateWorkitem"]);
    const late = await failure(h.client.jobSchedule.disable("nightly"));
    expect([late.statusCode, late.code]).toEqual([409, "JobScheduleCompleted"]);
  });

  it("deletes (202): deleting, then the schedule and all its jobs are gone (404 JobScheduleNotFound)", async () => {
    const res = await h.client.jobSchedule.deleteMethod("nightly");
    expect(res._response.status).toBe(202);
    const deleting = await h.client.jobSchedule.get("nightly");
    expect([deleting.state, deleting.previousState]).toEqual(["deleting", "completed"]);
    const twice = await failure(h.client.jobSchedule.deleteMethod("nightly"));
    expect([twice.statusCode, twice.code]).toEqual([409, "JobScheduleBeingDeleted"]);
    await waitFor(
      h.emu,
      () => h.client.jobSchedule.exists("nightly"),
      (r) => r.body === false,
      { stepMs: 1_000 },
    );
    const gone = await failure(h.client.jobSchedule.get("nightly"));
    expect([gone.statusCode, gone.code]).toEqual([404, "JobScheduleNotFound"]);
    const jobs = await h.client.job.list();
    expect(jobs.some((j) => j.id!.startsWith("nightly:"))).toBe(false);
    const list = await failure(h.client.job.listFromJobSchedule("nightly"));
    expect([list.statusCode, list.code]).toEqual([404, "JobScheduleNotFound"]);
  });

  it("runs once with an empty schedule: no schedule shown, no next run, completed when its job completes", async () => {
    await h.client.jobSchedule.add({
      id: "once",
      schedule: {},
      jobSpecification: { poolInfo: { poolId: "sched-pool" }, jobManagerTask: { id: "manager", commandLine: `/bin/sh -c "echo managing"` } },
    });
    const s = await h.client.jobSchedule.get("once");
    expect(s.schedule).toBeUndefined();
    expect(s.executionInfo).toEqual({ recentJob: { id: "once:job-1", url: `${h.emu.url}/jobs/once%3Ajob-1` } });
    const manager = await taskCompleted(h, "once:job-1", "manager");
    expect(manager.executionInfo?.exitCode).toBe(0);
    const job = await waitFor(
      h.emu,
      () => h.client.job.get("once:job-1"),
      (j) => j.state === "completed",
      { stepMs: 10_000 },
    );
    expect(job.executionInfo?.terminateReason).toBe("JMComplete");
    const done = await waitFor(
      h.emu,
      () => h.client.jobSchedule.get("once"),
      (x) => x.state === "completed",
      { stepMs: 10_000 },
    );
    expect(done.executionInfo?.recentJob?.id).toBe("once:job-1");
  });
});
