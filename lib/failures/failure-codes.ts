import type { FailureCategory } from "./types";

/**
 * The failure taxonomy's data: what each failure code means, in which category it falls, and what to do
 * next. These are data tables (one literal each), exempt from the 80-line rule: splitting them would only
 * scatter rows that are read side by side.
 */

/** The suggested next step per category; the verdicts sharpen some of them per code or exit code. */
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

export interface CodeRule {
  category: FailureCategory;
  explanation: string;
  nextStep?: string;
}

const CONTAINER_STEP = "Check the image name, registry credentials and container settings.";

/**
 * Every task failureInfo code Batch documents except TaskEnded (which depends on the exit code and the run
 * time), plus the job error JobBeingTerminated. Keys are lower-case because Batch's casing is not reliable
 * across surfaces (docs/real-service.md) and a mismatch must not turn a known code into Unknown.
 */
export const CODE_RULES: ReadonlyMap<string, CodeRule> = new Map(
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
        "Check the program path in the command line and that it is installed or shipped as a resource file; " +
        'a command line is not run through a shell unless it says so (/bin/sh -c "…", cmd /c "…").',
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
    // No category of the taxonomy fits a scheduling constraint, so Unknown; the explanation still says what Batch means by it.
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
export const APPLICATION_STEP_HINTS: ReadonlyMap<number, string> = new Map([
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
