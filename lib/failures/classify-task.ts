import { explainExitCode } from "./exit-codes";
import { effectiveState, isFailed } from "./task-state";
import { toIso } from "./task-times";
import { ERROR_CATEGORIES, wireEnum, wireInteger } from "@/lib/schemas/wire-values";
import type { FailureCategory, TaskFacts } from "./types";
import { failureVerdict } from "./verdicts";

export { CATEGORY_NEXT_STEP } from "./failure-codes";
export { isFailed } from "./task-state";

export interface Classification {
  outcome: "failed" | "succeeded" | "running" | "waiting"; // waiting = active/preparing
  category?: FailureCategory; // exactly one for every failed task, none otherwise
  explanation?: string;
  nextStep?: string;
  /** Raw failureInfo, always kept so the UI can show what Batch said beside our reading of it. */
  code?: string;
  message?: string;
  details?: { name: string; value: string }[];
  /** failureInfo.category as Batch sent it (usererror|servererror); kept raw because TaskEnded's is disputed
   * (docs/real-service.md). */
  serviceCategory?: string;
  exitCode?: number;
  exitCodeMeaning?: string;
  interrupted?: { requeueCount: number; lastRequeueTime?: string };
  retried?: { retryCount: number; lastRetryTime?: string };
}

/** Raw failureInfo as Batch sent it, for the UI to show beside our reading of it. */
function rawFailure(task: TaskFacts): Pick<Classification, "code" | "message" | "details" | "serviceCategory"> {
  const fi = task.executionInfo?.failureInfo;
  const out: Pick<Classification, "code" | "message" | "details" | "serviceCategory"> = {};
  if (!fi) return out;
  if (fi.code !== undefined) out.code = fi.code;
  if (fi.message !== undefined) out.message = fi.message;
  if (fi.details) out.details = fi.details.map((d) => ({ name: d.name ?? "", value: d.value ?? "" }));
  // "UserError", "userError" and "usererror" are one category (the service's case varies, docs/real-service.md).
  const serviceCategory = wireEnum(fi.category, ERROR_CATEGORIES);
  if (serviceCategory !== undefined) out.serviceCategory = serviceCategory;
  return out;
}

/** Whether Batch requeued the task (node trouble) or retried it (its own failures), and when last. */
function rerunMarkers(task: TaskFacts): Pick<Classification, "interrupted" | "retried"> {
  const ei = task.executionInfo;
  const out: Pick<Classification, "interrupted" | "retried"> = {};
  const requeueCount = wireInteger(ei?.requeueCount) ?? 0;
  if (requeueCount > 0) {
    const at = toIso(ei?.lastRequeueTime);
    out.interrupted = at !== undefined ? { requeueCount, lastRequeueTime: at } : { requeueCount };
  }
  const retryCount = wireInteger(ei?.retryCount) ?? 0;
  if (retryCount > 0) {
    const at = toIso(ei?.lastRetryTime);
    out.retried = at !== undefined ? { retryCount, lastRetryTime: at } : { retryCount };
  }
  return out;
}

/**
 * Reads one task as the dashboard's failure taxonomy does: an outcome for every task, and for a failed one
 * exactly one category with a plain-words explanation and a next step. Raw failureInfo, exit code and the
 * interrupted/retried markers are carried whatever the outcome, because an operator needs them beside
 * (never instead of) our interpretation.
 */
export function classifyTask(task: TaskFacts): Classification {
  const state = effectiveState(task);
  const failed = isFailed(task);
  const outcome: Classification["outcome"] = state === "completed" ? (failed ? "failed" : "succeeded") : state === "running" ? "running" : "waiting";
  const out: Classification = { outcome, ...rawFailure(task) };
  // A null exit code is what "failed before it ran" looks like on the wire; a numeric string is a code.
  const exitCode = wireInteger(task.executionInfo?.exitCode);
  const meaning = exitCode !== undefined ? explainExitCode(exitCode) : undefined;
  if (exitCode !== undefined) out.exitCode = exitCode;
  if (meaning !== undefined) out.exitCodeMeaning = meaning;
  Object.assign(out, rerunMarkers(task));
  if (failed) {
    const verdict = failureVerdict(task, exitCode, meaning);
    out.category = verdict.category;
    out.explanation = verdict.explanation;
    out.nextStep = verdict.nextStep;
  }
  return out;
}
