import { describe, expect, it } from "vitest";
import { pickFile, pickJob, pickNode, pickPool, taskCandidates } from "@/lib/doctor/pick";
import type { JobSummary } from "@/lib/schemas/jobs";
import type { NodeRow } from "@/lib/schemas/nodes";
import type { PoolSummary } from "@/lib/schemas/pools";
import type { TaskRow } from "@/lib/schemas/tasks";

const pool = (id: string, dedicated: number, lowPriority = 0) =>
  ({ id, dedicated: { current: dedicated, target: 0 }, lowPriority: { current: lowPriority, target: 0 } }) as PoolSummary;
const node = (id: string, state: string) => ({ id, state }) as NodeRow;
const job = (id: string, completed?: number) =>
  ({ id, ...(completed !== undefined ? { taskCounts: { active: 0, running: 0, completed, succeeded: 0, failed: 0 } } : {}) }) as JobSummary;
const task = (id: string, state: string, endTime?: string, nodeId: string | null = "n1") =>
  ({ id, jobId: "j", state, ...(endTime ? { endTime } : {}), ...(nodeId ? { nodeId } : {}) }) as TaskRow;

describe("what the doctor looks at closely", () => {
  it("the pool with the most nodes, and a node that is up", () => {
    expect(pickPool([pool("empty", 0), pool("big", 2, 3), pool("small", 4)])?.id).toBe("big");
    expect(pickPool([])).toBeUndefined();
    expect(pickNode([node("a", "starting"), node("b", "unusable"), node("c", "running")])?.id).toBe("c");
    expect(pickNode([node("a", "creating"), node("b", "offline")])?.id).toBe("b");
  });

  it("the job with the most completed tasks, else the first", () => {
    expect(pickJob([job("a", 1), job("b", 7), job("c")])?.id).toBe("b");
    expect(pickJob([job("x"), job("y")])?.id).toBe("x");
  });

  it("tasks for their files: completed ones that ran on a node, newest first, once each, a few", () => {
    const tasks = [
      task("old", "completed", "2026-12-01T10:00:00Z"),
      task("running", "running"),
      task("new", "completed", "2026-12-01T11:00:00Z"),
      task("nowhere", "completed", "2026-12-01T12:00:00Z", null),
      task("new", "completed", "2026-12-01T11:00:00Z"),
      task("mid", "completed", "2026-12-01T10:30:00Z"),
    ];
    expect(taskCandidates(tasks).map((t) => t.id)).toEqual(["new", "mid", "old"]);
    expect(taskCandidates(tasks, 5).map((t) => t.id)).toEqual(["new", "mid", "old", "running"]);
  });

  it("a file with bytes, stderr.txt first, never a directory", () => {
    const files = [
      { name: "wd", isDirectory: true, size: 0 },
      { name: "wd/out.bin", isDirectory: false, size: 9 },
      { name: "stdout.txt", isDirectory: false, size: 4 },
      { name: "stderr.txt", isDirectory: false, size: 0 },
      { name: "wd/run.log", isDirectory: false, size: 4 },
    ];
    expect(pickFile(files)?.name).toBe("stdout.txt");
    expect(pickFile([...files, { name: "wd/stderr.txt", isDirectory: false, size: 1 }])?.name).toBe("wd/stderr.txt");
    expect(pickFile([{ name: "d", isDirectory: true }])).toBeUndefined();
  });
});
