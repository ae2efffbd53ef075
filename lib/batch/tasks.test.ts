import { describe, expect, it } from "vitest";
import { taskQuery } from "@/lib/schemas/inputs";
import { taskFilter } from "./tasks";

const W = { from: Date.parse("2026-11-27T10:00:00Z"), to: Date.parse("2026-11-27T11:00:00Z") };
const ENDED = "executionInfo/endTime ge DateTime'2026-11-27T10:00:00.000Z' and executionInfo/endTime lt DateTime'2026-11-27T11:00:00.000Z'";

describe("taskFilter: the task table's outcome and window", () => {
  it("asks Batch for failures or successes that ended in the window", () => {
    expect(taskFilter(taskQuery.parse({ outcome: "failed" }), W)).toBe(`executionInfo/result eq 'failure' and ${ENDED}`);
    expect(taskFilter(taskQuery.parse({ outcome: "succeeded" }), W)).toBe(`executionInfo/result eq 'success' and ${ENDED}`);
  });

  it("running tasks take no window; all takes the ended ones in it and every unfinished one", () => {
    expect(taskFilter(taskQuery.parse({ outcome: "running" }), undefined)).toBe("state eq 'running'");
    expect(taskFilter(taskQuery.parse({ outcome: "all" }), W)).toBe(`(state ne 'completed' or (${ENDED}))`);
    expect(taskFilter(taskQuery.parse({ outcome: "all" }), undefined)).toBeUndefined();
  });

  it("refuses an outcome it does not know", () => {
    expect(taskQuery.safeParse({ outcome: "broken" }).success).toBe(false);
  });
});
