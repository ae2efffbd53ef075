import { formatDurationMs, parseIsoDuration } from "./duration";
import { exitCodeHex, explainExitCode, isWallClockExitCode, toSignedExitCode } from "./exit-codes";
import { ERROR_CATEGORIES, EXECUTION_RESULTS, TASK_STATES, wireEnum, wireInteger } from "@/lib/schemas/wire-values";
import type { FailureCategory, TaskFacts } from "./types";

export interface Classification {
  outcome: "failed" | "succeeded" | "running" | "waiting"; // waiting = active/preparing
  category?: FailureCategory; // exactly one for every failed task, none otherwise
  explanation?: string;
  nextStep?: string;
  /** Raw failureInfo, always kept so the UI can show what Batch said beside our reading of it. */
  code?: string;
  message?: string;
  details?: { name: string; value: string }[];
  /** failureInfo.category as Batch sent it (usererror|servererror); kept raw because TaskEnded's is disputed (§7). */
  serviceCategory?: string;
  exitCode?: number;
  exitCodeMeaning?: string;
  interrupted?: { requeueCount: number; lastRequeueTime?: string };
  retried?: { retryCount: number; lastRetryTime?: string };
}

/** design.md's suggested next step per category; classifyTask sharpens some of them per code. */
export const CATEGORY_NEXT_STEP: Readonly<Record<FailureCategory, string>> = {
  PreProcessing: "Check the resource file URLs, SAS and storage account named in the details.",
  FileUpload: "Check the output container URL and that its SAS grants write; read fileuploaderr.txt.",
  Application: "Open stderr.txt at its last lines.",
  Constraint: "Raise maxWallClockTime, or find why the task hangs.",
  Terminated: "None: someone or something ended it; the audit log may say who.",
  Container: "Check the image name, registry credentials and container settings.",
  Node: "Disable scheduling on the node, look at its files, then reboot, reimage or remove it.",
  Unknown: "Read the raw code, message and details below.",
};

interface CodeRule {
  category: FailureCategory;
  explanation: string;
  nextStep?: string;
}

const CONTAINER_STEP = "Check the image name, registry credentials and container settings.";

/**
 * Every task failureInfo code of batch-api.md §4.1 except TaskEnded (which depends on the exit code and
 * the run time), plus JobBeingTerminated (§4.2). Keys are lower-case because Batch's casing is not
 * reliable across surfaces (§7) and a mismatch must not turn a known code into Unknown.
 */
const CODE_RULES: ReadonlyMap<string, CodeRule> = new Map(
  Object.entries({
    BlobNotFound: {
      category: "PreProcessing",
      explanation: "A resource file does not exist in storage (moved or deleted blob, or a wrong URL), so the task never ran.",
    },
    BlobAccessDenied: {
      category: "PreProcessing",
      explanation: "Storage refused to serve a resource file (SAS wrong or expired, or no read access), so the task never ran.",
    },
    BlobDownloadTimedOut: {
      category: "PreProcessing",
      explanation: "Downloading a resource file timed out (storage throttled or unreachable), so the task never ran; it may work if reactivated.",
    },
    BlobDownloadMiscError: {
      category: "PreProcessing",
      explanation: "Downloading a resource file failed, so the task never ran; the details say why.",
    },
    ResourceContainerAccessDenied: {
      category: "PreProcessing",
      explanation: "Access to the storage container holding the resource files was denied (SAS or identity lacks read/list), so the task never ran.",
    },
    ResourceContainerNotFound: {
      category: "PreProcessing",
      explanation: "The storage container holding the resource files does not exist (or its storage account is gone), so the task never ran.",
    },
    ResourceContainerListTimedOut: {
      category: "PreProcessing",
      explanation: "Listing the blobs of the resource files' container timed out, so the task never ran.",
    },
    ResourceContainerListMiscError: {
      category: "PreProcessing",
      explanation: "Listing the blobs of the resource files' container failed unexpectedly, so the task never ran.",
    },
    CommandProgramNotFound: {
      category: "PreProcessing",
      explanation: "The program named in the command line does not exist on the node, so the task never started.",
      nextStep:
        "Check the program path in the command line and that it is installed or shipped as a resource file; a command line is not run through a shell unless it says so (/bin/sh -c \"…\", cmd /c \"…\").",
    },
    CommandLaunchFailed: {
      category: "PreProcessing",
      explanation: "The node could not launch the command line (malformed command, permissions or user identity), so the task never started.",
      nextStep: "Check the command line, the program's permissions and the task's user identity.",
    },
    ApplicationPackageError: {
      category: "PreProcessing",
      explanation: "A required application package could not be deployed to the node, so the task never started.",
      nextStep: "Check the task's application package references: the package and version exist in the Batch account and are activated.",
    },
    FileUploadAccessDenied: {
      category: "FileUpload",
      explanation: "Uploading the output files was denied: the destination SAS is expired or lacks write permission, or the identity has no access.",
    },
    FileUploadContainerNotFound: {
      category: "FileUpload",
      explanation: "The output files' destination container does not exist (or its storage account is gone).",
    },
    FileUploadConflict: {
      category: "FileUpload",
      explanation: "Uploading the output files hit a conflict in storage (a blob leased or written by someone else).",
    },
    FileUploadTimedOut: {
      category: "FileUpload",
      explanation: "Uploading the output files timed out (storage throttled or unreachable).",
    },
    FileUploadMiscError: {
      category: "FileUpload",
      explanation: "Uploading the output files failed unexpectedly.",
    },
    JobBeingTerminated: {
      category: "Terminated",
      explanation: "The task's job was being terminated, so Batch ended the task.",
      nextStep: "None: the job was terminated; its terminateReason and the audit log may say by whom.",
    },
    ContainerInvalidImage: {
      category: "Container",
      explanation: "The container image is invalid or could not be pulled (wrong name or tag, or it does not exist).",
      nextStep: "Check the image name and tag in the task's container settings, and that the registry has it.",
    },
    ContainerInvalidRegistry: {
      category: "Container",
      explanation: "The container registry is invalid or refused the node's credentials.",
      nextStep: "Check the registry server and credentials in the pool's and the task's container settings.",
    },
    ContainerInvalidSettings: {
      category: "Container",
      explanation: "At least one of the task's container settings is invalid (e.g. bad containerRunOptions).",
      nextStep: CONTAINER_STEP,
    },
    ContainerMiscError: {
      category: "Container",
      explanation: "Running the task in its container failed for an unexpected reason.",
      nextStep: CONTAINER_STEP,
    },
    DiskFull: {
      category: "Node",
      explanation: "The node's disk ran out of space while downloading the task's resource files.",
    },
    ResourceDirectoryCreateFailed: {
      category: "Node",
      explanation: "The node could not create the task's resource file directory.",
    },
    ResourceFileCreateFailed: {
      category: "Node",
      explanation: "The node could not create a local file for a resource file.",
    },
    ResourceFileWriteFailed: {
      category: "Node",
      explanation: "The node could not write a resource file to its disk.",
    },
    MountConfigurationError: {
      category: "Node",
      explanation: "The node could not set up the pool's mounts (file share or blob container mount).",
    },
    MaxInternalRetryCountReached: {
      category: "Node",
      explanation: "Batch retried the task internally after node or service trouble and gave up.",
    },
    // Not in design.md's table, so Unknown; the explanation still says what Batch means by it.
    TaskSchedulingConstraintFailed: {
      category: "Unknown",
      explanation: "Batch cannot schedule the task on the job's pool (e.g. it needs more slots than a node has).",
    },
    Unknown: {
      category: "Unknown",
      explanation: "Batch does not know why the task failed.",
    },
  } satisfies Record<string, CodeRule>).map(([code, rule]) => [code.toLowerCase(), rule]),
);

/** Per-exit-code sharpening of "open stderr.txt", where the code alone says where to look next. */
const APPLICATION_STEP_HINTS: ReadonlyMap<number, string> = new Map([
  [2, "the usage message there names the wrong or missing argument"],
  [126, "then check the program is executable (chmod +x) and built for the node's OS"],
  [127, "then check the program is installed on the node and on PATH"],
  [134, "an assert or abort in native code: the message just above it names the cause"],
  [137, "if the node ran out of memory, use a larger VM size or fewer task slots per node"],
  [139, "a crash in native code: look for a core dump in the task directory"],
  [-1073741819, "a crash in native code: look for a crash dump in the task directory"],
  [-1073741801, "if the node ran out of memory, use a larger VM size or fewer task slots per node"],
  [-1073741515, "then check the runtime the program needs (e.g. the VC++ redistributable) is installed on the node"],
  [-532462766, "the .NET exception and its stack trace are there"],
]);

type TaskState = "active" | "preparing" | "running" | "completed";

/**
 * The task's state, inferred from executionInfo when `state` was not `$select`ed: `result` and `endTime`
 * are only ever set on completed tasks, and `startTime` only on running or completed ones.
 */
function effectiveState(task: TaskFacts): TaskState | undefined {
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

/** A date as an ISO string. Batch's 7-digit fractions are cut to milliseconds; an unparseable string is kept as sent. */
function toIso(value: Date | string | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}

function toMs(value: Date | string | undefined): number | undefined {
  if (value === undefined || value === null) return undefined;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

function runTimeMs(task: TaskFacts): number | undefined {
  const start = toMs(task.executionInfo?.startTime);
  const end = toMs(task.executionInfo?.endTime);
  return start !== undefined && end !== undefined ? end - start : undefined;
}

function showExitCode(code: number): string {
  const signed = toSignedExitCode(code);
  return signed < 0 ? `${signed} (${exitCodeHex(signed)})` : String(signed);
}

interface Verdict {
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
 * TaskEnded covers both a maxWallClockTime kill and an explicit terminate (§4.1); Batch does not tell them
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
  const tail =
    exitCode === undefined
      ? " before it ran."
      : `; exit code ${showExitCode(exitCode)} comes from the kill, not from the program.`;
  return {
    category: "Terminated",
    explanation: `The task was ended on request (task or job terminate, or a job action)${tail}`,
    nextStep: CATEGORY_NEXT_STEP.Terminated,
  };
}

function nodeStep(task: TaskFacts): string {
  const node = task.nodeInfo?.nodeId;
  return node
    ? `Disable scheduling on node ${node}, look at its files, then reboot, reimage or remove it.`
    : CATEGORY_NEXT_STEP.Node;
}

function failureVerdict(task: TaskFacts, exitCode: number | undefined, meaning: string | undefined): Verdict {
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
      explanation: code
        ? `Batch reported failure code ${code}, which this dashboard does not know.`
        : "Batch reported a failure without a code.",
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

/**
 * Reads one task as design.md's failure taxonomy does: an outcome for every task, and for a failed one
 * exactly one category with a plain-words explanation and a next step. Raw failureInfo, exit code and the
 * interrupted/retried markers are carried whatever the outcome, because an operator needs them beside
 * (never instead of) our interpretation.
 */
export function classifyTask(task: TaskFacts): Classification {
  const ei = task.executionInfo;
  const state = effectiveState(task);
  const failed = isFailed(task);
  const outcome: Classification["outcome"] =
    state === "completed" ? (failed ? "failed" : "succeeded") : state === "running" ? "running" : "waiting";

  const out: Classification = { outcome };
  const fi = ei?.failureInfo;
  if (fi) {
    if (fi.code !== undefined) out.code = fi.code;
    if (fi.message !== undefined) out.message = fi.message;
    if (fi.details) out.details = fi.details.map((d) => ({ name: d.name ?? "", value: d.value ?? "" }));
    // "UserError", "userError" and "usererror" are one category (the service's case varies, docs/real-service.md).
    const serviceCategory = wireEnum(fi.category, ERROR_CATEGORIES);
    if (serviceCategory !== undefined) out.serviceCategory = serviceCategory;
  }
  // A null exit code is what "failed before it ran" looks like on the wire (§3.6); a numeric string is a code.
  const exitCode = wireInteger(ei?.exitCode);
  const meaning = exitCode !== undefined ? explainExitCode(exitCode) : undefined;
  if (exitCode !== undefined) out.exitCode = exitCode;
  if (meaning !== undefined) out.exitCodeMeaning = meaning;

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

  if (failed) {
    const verdict = failureVerdict(task, exitCode, meaning);
    out.category = verdict.category;
    out.explanation = verdict.explanation;
    out.nextStep = verdict.nextStep;
  }
  return out;
}
