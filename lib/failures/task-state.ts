import { EXECUTION_RESULTS, TASK_STATES, wireEnum, wireInteger } from "@/lib/schemas/wire-values";
import type { TaskFacts } from "./types";

type TaskState = "active" | "preparing" | "running" | "completed";

/**
 * The task's state, inferred from executionInfo when `state` was not `$select`ed: `result` and `endTime`
 * are only ever set on completed tasks, and `startTime` only on running or completed ones.
 */
export function effectiveState(task: TaskFacts): TaskState | undefined {
  const s = wireEnum(task.state, TASK_STATES);
  if (s !== undefined && (TASK_STATES as readonly string[]).includes(s)) return s as TaskState;
  const ei = task.executionInfo;
  if (!ei) return undefined;
  if (ei.result !== undefined || ei.endTime !== undefined || ei.failureInfo !== undefined) return "completed";
  if (ei.startTime !== undefined) return "running";
  return undefined;
}

/** Completed and failed: result "failure", failureInfo present, or a non-zero exit code (exit 0 can still fail on upload). */
export function isFailed(task: TaskFacts): boolean {
  if (effectiveState(task) !== "completed") return false;
  const ei = task.executionInfo;
  if (!ei) return false;
  const exitCode = wireInteger(ei.exitCode);
  return wireEnum(ei.result, EXECUTION_RESULTS) === "failure" || ei.failureInfo != null || (exitCode !== undefined && exitCode !== 0);
}
