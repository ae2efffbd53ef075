import { describe, expect, it } from "vitest";
import { describeRecurrence, describeStartWindow, scheduleOfJob } from "./scheduled-job";

describe("scheduleOfJob", () => {
  it("reads the schedule and run from a scheduled job's id", () => {
    expect(scheduleOfJob("nightly-reindex:job-5")).toEqual({ scheduleId: "nightly-reindex", run: 5 });
    expect(scheduleOfJob("batch_schedule_3a802288:job-1")).toEqual({ scheduleId: "batch_schedule_3a802288", run: 1 });
  });

  it("finds none in a user's job id or a look-alike", () => {
    expect(scheduleOfJob("etl-nightly")).toBeUndefined();
    expect(scheduleOfJob("a:job-")).toBeUndefined();
    expect(scheduleOfJob("a:b:job-1")).toBeUndefined();
    expect(scheduleOfJob(`${"x".repeat(65)}:job-1`)).toBeUndefined();
  });
});

describe("describeRecurrence", () => {
  it("says how often in words", () => {
    expect(describeRecurrence("P1D")).toBe("every day");
    expect(describeRecurrence("PT6H")).toBe("every 6 hours");
    expect(describeRecurrence("PT1H30M")).toBe("every 1 hour 30 minutes");
    expect(describeRecurrence("P7D")).toBe("every 7 days");
  });

  it("says once without a recurrence, and shows what it cannot read", () => {
    expect(describeRecurrence(undefined)).toBe("once");
    expect(describeRecurrence("P1W")).toBe("every P1W");
  });
});

describe("describeStartWindow", () => {
  it("reads Batch's durations as words, and shows what it cannot read as it came", () => {
    expect(describeStartWindow("PT1H")).toBe("1 hour");
    expect(describeStartWindow("PT30M")).toBe("30 minutes");
    expect(describeStartWindow("P1DT2H")).toBe("1 day 2 hours");
    expect(describeStartWindow("bogus")).toBe("bogus");
  });
});
