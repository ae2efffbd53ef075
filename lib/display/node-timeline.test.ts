import { describe, expect, it } from "vitest";
import type { AuditRecord } from "@/lib/schemas/audit";
import type { NodeDetailResponse } from "@/lib/schemas/nodes";
import { layoutTimeline, nodeTimelineEvents, tickLabel, tickStep } from "./node-timeline";

const T0 = Date.parse("2026-11-27T10:00:00.000Z");
const min = (m: number) => T0 + m * 60_000;
const iso = (m: number) => new Date(min(m)).toISOString();

const node = {
  id: "tvm-1",
  poolId: "p",
  state: "idle",
  schedulingState: "disabled",
  stateTransitionTime: iso(50),
  isDedicated: true,
  runningTasks: 0,
  runningTaskSlots: 0,
  totalTasksRun: 10,
  totalTasksSucceeded: 2,
  errors: [],
  allocationTime: iso(-600),
  lastBootTime: iso(5),
  startTask: { state: "completed", startTime: iso(6), endTime: iso(7), exitCode: 0, result: "success", retryCount: 0 },
  recentTasks: [],
} satisfies NodeDetailResponse["node"];

const record = { id: "rec-1", time: iso(40), action: "disableScheduling", actor: "ana", outcome: "accepted" } as AuditRecord;

describe("the node's timeline", () => {
  const events = nodeTimelineEvents(
    node,
    [record],
    [
      { jobId: "j", taskId: "t2", endTime: min(30), category: "Application", exitCode: 137 },
      { jobId: "j", taskId: "t1", endTime: min(20), category: "Application" },
    ],
    (r) => (r.action === "disableScheduling" ? "Disable scheduling" : r.action),
  );

  it("gathers the node's dated facts, the audit log and the failures, oldest first", () => {
    expect(events.map((e) => e.kind)).toEqual(["allocated", "boot", "startTask", "startTask", "failure", "failure", "action", "state"]);
    expect(events.find((e) => e.kind === "action")).toMatchObject({ label: "Disable scheduling by ana (accepted)", recordId: "rec-1" });
    expect(events.find((e) => e.task?.taskId === "t2")?.label).toBe("j/t2 failed: Application, exit code 137");
    expect(events.at(-1)?.label).toBe("State became idle");
    expect(events[3]?.label).toBe("Start task ended (success)");
  });

  it("places what falls in the window on its axis and lists what came before", () => {
    const layout = layoutTimeline(events, { from: min(0), to: min(60) });
    expect(layout.before.map((e) => e.kind)).toEqual(["allocated"]);
    expect(layout.marks).toHaveLength(7);
    expect(layout.marks.find((m) => m.task?.taskId === "t1")?.x).toBeCloseTo(1 / 3);
    expect(layout.marks.find((m) => m.kind === "state")?.x).toBeCloseTo(50 / 60);
  });

  it("labels round ticks in UTC", () => {
    const layout = layoutTimeline([], { from: min(3), to: min(63) });
    expect(layout.ticks.map((t) => t.label)).toEqual(["10:10", "10:20", "10:30", "10:40", "10:50", "11:00"]);
    expect(layout.ticks[0]?.x).toBeCloseTo(7 / 60);
  });

  it("keeps the number of ticks small on every window", () => {
    for (const span of [15, 60, 360, 1440, 10080]) {
      const n = layoutTimeline([], { from: min(0), to: min(span) }).ticks.length;
      expect(n).toBeGreaterThanOrEqual(2);
      expect(n).toBeLessThanOrEqual(7);
    }
    expect(tickStep(15 * 60_000, 6)).toBe(5 * 60_000);
    expect(tickLabel(min(0), 7 * 24 * 3_600_000)).toBe("Nov 27 10:00");
  });

  it("dates a midnight tick on a window of a day or less, and no other", () => {
    const midnight = Date.parse("2026-11-28T00:00:00.000Z");
    const ticks = layoutTimeline([], { from: midnight - 3 * 3_600_000, to: midnight + 3 * 3_600_000 }).ticks;
    expect(ticks.map((t) => t.label)).toContain("Nov 28 00:00");
    expect(ticks.filter((t) => t.at !== midnight).every((t) => /^\d\d:\d\d$/.test(t.label))).toBe(true);
  });
});
