import { formatDurationMs, parseIsoDuration } from "./duration";
import { exitCodeHex, isWallClockExitCode, toSignedExitCode } from "./exit-codes";
import { APPLICATION_STEP_HINTS, CATEGORY_NEXT_STEP, CODE_RULES } from "./failure-codes";
import { runTimeMs } from "./task-times";
import type { FailureCategory, TaskFacts } from "./types";

/** A failed task's category, explanation and next step, from its failure code, exit code and run time. */

function showExitCode(code: number): string {
  const signed = toSignedExitCode(code);
  return signed < 0 ? `${signed} (${exitCodeHex(signed)})` : String(signed);
}

export interface Verdict {
  category: FailureCategory;
  explanation: string;
  nextStep: string;
}

function applicationVerdict(exitCode: number | undefined, meaning: string | undefined): Verdict {
  if (exitCode === undefined) {
    return {
      category: "Application",
      explanation: "The command line exited with a non-zero exit code.",
      nextStep: CATEGORY_NEXT_STEP.Application,
    };
  }
  const hint = APPLICATION_STEP_HINTS.get(toSignedExitCode(exitCode));
  return {
    category: "Application",
    explanation: meaning
      ? `The command line exited with code ${toSignedExitCode(exitCode)}: ${meaning}.`
      : `The command line exited with code ${showExitCode(exitCode)}, a code of the program's own.`,
    nextStep: hint ? `Open stderr.txt at its last lines; ${hint}.` : CATEGORY_NEXT_STEP.Application,
  };
}

/**
 * TaskEnded covers both a maxWallClockTime kill and an explicit terminate; Batch does not tell them
 * apart in the code, so the exit code decides first and the run time against the limit second, as
 * BatchExplorer does.
 */
function taskEndedVerdict(task: TaskFacts, exitCode: number | undefined): Verdict {
  const limitText = task.constraints?.maxWallClockTime;
  const limitMs = parseIsoDuration(limitText);
  const ranMs = runTimeMs(task);
  const limitShown = limitMs !== undefined && Number.isFinite(limitMs) ? `${formatDurationMs(limitMs)} (${limitText})` : undefined;
  const overLimit = ranMs !== undefined && limitMs !== undefined && Number.isFinite(limitMs) && ranMs >= limitMs;

  if (isWallClockExitCode(exitCode) || overLimit) {
    const ran = ranMs !== undefined ? ` after running ${formatDurationMs(ranMs)}` : "";
    // The constraint can be changed after the task ran, so a limit above the run time is the current one, not the one that fired.
    const why = !limitShown
      ? "it exceeded its maxWallClockTime"
      : overLimit
        ? `it reached its maxWallClockTime of ${limitShown}`
        : `it exceeded its maxWallClockTime (now ${limitShown}; it may have been raised since)`;
    return {
      category: "Constraint",
      explanation: `Batch killed the task${ran}: ${why}.`,
      nextStep: limitShown
        ? `Raise maxWallClockTime (now ${limitShown}), or find why the task hangs: stdout.txt's last lines show how far it got.`
        : `${CATEGORY_NEXT_STEP.Constraint} stdout.txt's last lines show how far it got.`,
    };
  }
  const tail = exitCode === undefined ? " before it ran." : `; exit code ${showExitCode(exitCode)} comes from the kill, not from the program.`;
  return {
    category: "Terminated",
    explanation: `The task was ended on request (task or job terminate, or a job action)${tail}`,
    nextStep: CATEGORY_NEXT_STEP.Terminated,
  };
}

function nodeStep(task: TaskFacts): string {
  const node = task.nodeInfo?.nodeId;
  return node ? `Disable scheduling on node ${node}, look at its files, then reboot, reimage or remove it.` : CATEGORY_NEXT_STEP.Node;
}

export function failureVerdict(task: TaskFacts, exitCode: number | undefined, meaning: string | undefined): Verdict {
  const fi = task.executionInfo?.failureInfo;
  if (!fi) {
    if (exitCode !== undefined && exitCode !== 0) return applicationVerdict(exitCode, meaning);
    return {
      category: "Unknown",
      explanation: "Batch marked the task failed without a failure code or a non-zero exit code.",
      nextStep: CATEGORY_NEXT_STEP.Unknown,
    };
  }
  const code = typeof fi.code === "string" ? fi.code.trim() : "";
  const key = code.toLowerCase();
  if (key === "failureexitcode") return applicationVerdict(exitCode, meaning);
  if (key === "taskended") return taskEndedVerdict(task, exitCode);

  const rule = CODE_RULES.get(key);
  if (!rule) {
    return {
      category: "Unknown",
      explanation: code ? `Batch reported failure code ${code}, which this dashboard does not know.` : "Batch reported a failure without a code.",
      nextStep: CATEGORY_NEXT_STEP.Unknown,
    };
  }
  let explanation = rule.explanation;
  // The point of this category on a dashboard: the work itself succeeded, only its outputs are missing.
  if (rule.category === "FileUpload" && exitCode === 0) explanation = `The command line succeeded (exit code 0), but: ${lowerFirst(explanation)}`;
  const nextStep = rule.nextStep ?? (rule.category === "Node" ? nodeStep(task) : CATEGORY_NEXT_STEP[rule.category]);
  return { category: rule.category, explanation, nextStep };
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
