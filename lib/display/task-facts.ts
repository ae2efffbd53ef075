import { formatDurationMs, parseIsoDuration } from "@/lib/failures/duration";
import { formatDuration, formatTime } from "@/lib/format";
import type { TicketSummary } from "@/lib/links/ticket";
import type { TaskDetail } from "@/lib/schemas/tasks";

export interface RunTime {
  /** Milliseconds run so far (to `now` while running), undefined if it never started. */
  runMs?: number;
  limitMs?: number;
  /** "ran 2h 0m of a 2h limit", "running for 5m 3s of a 2h limit", "ran 58s, no time limit". */
  text: string;
  /** The run reached (or passed) its limit: the constraint is what ended it. */
  atLimit: boolean;
}

/**
 * Run time against maxWallClockTime, in the words an operator reads in one glance. `now` is the service's
 * clock (the data's asOf), not the browser's, so a skewed laptop does not stretch a running task.
 */
export function runTimeAgainstLimit(t: { startTime?: string; endTime?: string; maxWallClockTime?: string }, nowMs: number): RunTime {
  const limitMs = parseIsoDuration(t.maxWallClockTime);
  const start = t.startTime ? Date.parse(t.startTime) : NaN;
  if (Number.isNaN(start)) return { text: "never started", atLimit: false, ...(limitMs !== undefined ? { limitMs } : {}) };
  const end = t.endTime ? Date.parse(t.endTime) : NaN;
  const running = Number.isNaN(end);
  const runMs = Math.max(0, (running ? nowMs : end) - start);
  const verb = running ? `running for ${formatDuration(runMs)}` : `ran ${formatDuration(runMs)}`;
  if (limitMs === undefined || !Number.isFinite(limitMs)) return { runMs, text: `${verb}, no time limit (maxWallClockTime unlimited)`, atLimit: false };
  return { runMs, limitMs, text: `${verb} of a ${formatDurationMs(limitMs)} limit`, atLimit: runMs >= limitMs };
}

/** When Batch deletes the task's directory on the node: retentionTime after the task ended. */
export function retentionText(t: { endTime?: string; retentionTime?: string }, nowMs: number): string {
  const keepMs = parseIsoDuration(t.retentionTime);
  if (keepMs === undefined) return "—";
  if (!Number.isFinite(keepMs)) return "kept until the job is deleted";
  const span = formatDurationMs(keepMs);
  if (!t.endTime) return `files kept ${span} after the task ends`;
  const until = Date.parse(t.endTime) + keepMs;
  return until <= nowMs ? `files kept ${span}: deleted after ${formatTime(until)}` : `files kept ${span}, until ${formatTime(until)}`;
}

/** Exit code with its meaning, as one line for a ticket or a heading ("137 (killed by signal 9 …)"). */
export function exitCodeText(exitCode: number | undefined, meaning: string | undefined): string {
  if (exitCode === undefined) return "none (the command never ran to an exit)";
  return meaning ? `${exitCode} (${meaning})` : String(exitCode);
}

/** The Markdown summary of one task for an incident ticket. */
export function taskTicket(account: string, task: TaskDetail, link: string): TicketSummary {
  const c = task.classification;
  const facts: [string, string][] = [
    ["Task", `${task.jobId} / ${task.id}`],
    ["Account", account],
    ["State", c.outcome === "failed" || c.outcome === "succeeded" ? `${task.state} (${c.outcome})` : task.state],
  ];
  if (task.nodeId) facts.push(["Node", `${task.poolId ?? "?"} / ${task.nodeId}`]);
  if (c.category) facts.push(["Category", c.explanation ? `${c.category} — ${c.explanation}` : c.category]);
  if (c.outcome === "failed" || task.exitCode !== undefined) facts.push(["Exit code", exitCodeText(task.exitCode, c.exitCodeMeaning)]);
  if (task.failureInfo?.code) facts.push(["Failure code", `${task.failureInfo.code}${task.failureInfo.message ? `: ${task.failureInfo.message}` : ""}`]);
  if (task.startTime) facts.push(["Ran", `${formatTime(task.startTime)} – ${formatTime(task.endTime)}`]);
  if (c.retried) facts.push(["Retried", String(c.retried.retryCount)]);
  if (c.interrupted) facts.push(["Requeued", String(c.interrupted.requeueCount)]);
  return { title: `Task ${task.id} in job ${task.jobId}${c.category ? `: ${c.category}` : ""}`, link, facts };
}
