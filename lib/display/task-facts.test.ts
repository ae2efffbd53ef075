import { describe, expect, it } from "vitest";
import { ticketMarkdown } from "@/lib/links/ticket";
import type { TaskDetail } from "@/lib/schemas/tasks";
import { exitCodeText, retentionText, runTimeAgainstLimit, taskTicket } from "@/lib/display/task-facts";

const T0 = Date.parse("2026-11-27T08:00:00Z");
const at = (ms: number) => new Date(T0 + ms).toISOString();
const H = 3_600_000;

describe("runTimeAgainstLimit", () => {
  it("says how long a finished task ran of its limit, and that it reached it", () => {
    const r = runTimeAgainstLimit({ startTime: at(0), endTime: at(2 * H), maxWallClockTime: "PT2H" }, T0 + 5 * H);
    expect(r.text).toBe("ran 2h 0m of a 2h limit");
    expect(r.atLimit).toBe(true);
  });
  it("measures a running task against the service's clock", () => {
    const r = runTimeAgainstLimit({ startTime: at(0), maxWallClockTime: "PT2H" }, T0 + 5 * 60_000 + 3_000);
    expect(r.text).toBe("running for 5m 3s of a 2h limit");
    expect(r.atLimit).toBe(false);
  });
  it("treats Batch's TimeSpan.MaxValue as no limit", () => {
    const r = runTimeAgainstLimit({ startTime: at(0), endTime: at(58_000), maxWallClockTime: "P10675199DT2H48M5.4775807S" }, T0 + H);
    expect(r.text).toBe("ran 58s, no time limit (maxWallClockTime unlimited)");
    expect(r.limitMs).toBeUndefined();
  });
  it("says a task that never started never started", () => {
    expect(runTimeAgainstLimit({ maxWallClockTime: "PT1H" }, T0).text).toBe("never started");
  });
});

describe("retentionText", () => {
  it("gives the date the files go", () => {
    expect(retentionText({ endTime: at(0), retentionTime: "P7D" }, T0 + H)).toBe("files kept 7d, until 2026-12-04 08:00:00 UTC");
  });
  it("says when they are already gone", () => {
    expect(retentionText({ endTime: at(0), retentionTime: "PT1H" }, T0 + 2 * H)).toBe("files kept 1h: deleted after 2026-11-27 09:00:00 UTC");
  });
});

describe("exitCodeText", () => {
  it("joins the code and its meaning, and says when there is none", () => {
    expect(exitCodeText(137, "killed by signal 9 (SIGKILL)")).toBe("137 (killed by signal 9 (SIGKILL))");
    expect(exitCodeText(3, undefined)).toBe("3");
    expect(exitCodeText(undefined, undefined)).toMatch(/^none/);
  });
});

describe("taskTicket", () => {
  it("names the task, node, category, exit code and failure code, and ends with the link", () => {
    const task: TaskDetail = {
      id: "shard-0005",
      jobId: "etl-nightly",
      state: "completed",
      nodeId: "tvm-1",
      poolId: "etl-pool",
      startTime: at(0),
      endTime: at(2 * H),
      exitCode: -1073741510,
      retryCount: 0,
      requeueCount: 0,
      classification: { outcome: "failed", category: "Constraint", explanation: "Batch killed the task.", exitCodeMeaning: "0xC000013A STATUS_CONTROL_C_EXIT" },
      commandLine: "etl",
      constraints: {},
      requiredSlots: 1,
      resourceFiles: [],
      outputFiles: [],
      failureInfo: { category: "servererror", code: "TaskEnded", message: "exceeded", details: [] },
    };
    const md = ticketMarkdown(taskTicket("demo", task, "https://x/demo/jobs/etl-nightly/tasks/shard-0005"));
    expect(md).toContain("**Task shard-0005 in job etl-nightly: Constraint**");
    expect(md).toContain("- Node: etl-pool / tvm-1");
    expect(md).toContain("- Exit code: -1073741510 (0xC000013A STATUS_CONTROL_C_EXIT)");
    expect(md).toContain("- Failure code: TaskEnded: exceeded");
    expect(md.trim().endsWith("[Open in Batchscope](https://x/demo/jobs/etl-nightly/tasks/shard-0005)")).toBe(true);
  });
});
