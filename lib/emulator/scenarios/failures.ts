import type { FileContent } from "../files/content";
import type { FailureInfo, WireTask } from "../model/types";
import { parseDuration } from "../sim/context";
import { WALL_CLOCK_EXIT_CODE } from "../sim/task-runs";

/** The failures scenarios lay down, each with the wire fields and files Batch would leave. */
export interface FailureSample {
  /** How long the task ran, when the failure fixes it (a maxWallClockTime kill runs exactly the limit). */
  runMs?: number;
  constraints?: WireTask["constraints"];
  exitCode?: number;
  failureInfo?: FailureInfo;
  stdout?: string;
  stderr?: string;
  extraFiles?: Record<string, string>;
}

const text = (t: string): FileContent => ({ kind: "text", text: t });

/** The fields of a historic task that a sample fills: its outcome and its files. */
export function historicFields(s: FailureSample) {
  return {
    ...(s.exitCode !== undefined ? { exitCode: s.exitCode } : {}),
    ...(s.failureInfo ? { failureInfo: s.failureInfo } : {}),
    ...(s.extraFiles ? { extraFiles: s.extraFiles } : {}),
    ...(s.constraints ? { constraints: s.constraints } : {}),
    ...(s.stdout !== undefined ? { stdout: text(s.stdout) } : {}),
    ...(s.stderr !== undefined ? { stderr: text(s.stderr) } : {}),
  };
}

const STORE = "https://demostore.blob.core.windows.net";

export const FAILURES = {
  appExit1: (frame: number): FailureSample => ({
    exitCode: 1,
    stdout: `Loading scene frame-${frame}.blend\nRendering tiles 1-64\n`,
    stderr:
      `Traceback (most recent call last):\n  File "/opt/render/render.py", line 214, in <module>\n    main()\n` +
      `  File "/opt/render/render.py", line 97, in main\n    scene = load_scene(args.scene)\n` +
      `ValueError: scene frame-${frame}.blend references missing texture 'wood_04.png'\n`,
  }),
  keyError: (record: number): FailureSample => ({
    exitCode: 1,
    stdout: `transform v42: reading batch ${record}\n`,
    stderr:
      `Traceback (most recent call last):\n  File "/app/transform.py", line 311, in apply\n` +
      `    row["customer_id"] = lookup[row["account"]]["customer_id"]\nKeyError: 'customer_id'\n`,
  }),
  usage: (): FailureSample => ({
    exitCode: 2,
    stderr: "usage: render.py [-h] --scene SCENE --out OUT\nrender.py: error: the following arguments are required: --out\n",
  }),
  oomKilled: (): FailureSample => ({ exitCode: 137, stdout: "allocating 48 GiB working set\n", stderr: "Killed\n" }),
  segfault: (): FailureSample => ({ exitCode: 139, stderr: "Segmentation fault (core dumped)\n" }),
  shellNotFound: (): FailureSample => ({ exitCode: 127, stderr: "/bin/sh: 1: ffmpeg: not found\n" }),
  noSpace: (path: string): FailureSample => ({
    exitCode: 1,
    stdout: "writing shard output\n",
    stderr:
      `Traceback (most recent call last):\n  File "/mnt/batch/tasks/shared/worker.py", line 88, in write_output\n` +
      `    fh.write(chunk)\nOSError: [Errno 28] No space left on device: '${path}'\n`,
  }),
  blobNotFound: (blob: string): FailureSample => ({
    failureInfo: {
      category: "UserError",
      code: "BlobNotFound",
      message: "The specified blob does not exist.",
      details: [
        { name: "BlobSource", value: `${STORE}/inputs/${blob}?sv=2022-11-02&sp=r&se=2027-01-01T00%3A00%3A00Z&sig=REDACTED` },
        { name: "FilePath", value: blob },
        { name: "HttpStatusCode", value: "404" },
        { name: "ErrorMessage", value: "The specified blob does not exist." },
      ],
    },
  }),
  expiredSas: (blob: string): FailureSample => ({
    failureInfo: {
      category: "UserError",
      code: "BlobAccessDenied",
      message: "Access for one of the specified Azure Blob(s) is denied",
      details: [
        { name: "BlobSource", value: `${STORE}/inputs/${blob}?sv=2022-11-02&sp=r&se=2026-11-01T00%3A00%3A00Z&sig=REDACTED` },
        { name: "HttpStatusCode", value: "403" },
        { name: "ErrorMessage", value: "Signed expiry time [Sun, 01 Nov 2026 00:00:00 GMT] must be after signed start time" },
      ],
    },
  }),
  programNotFound: (): FailureSample => ({
    failureInfo: {
      category: "UserError",
      code: "CommandProgramNotFound",
      message: "The specified command program is not found",
      details: [{ name: "Message", value: "The system cannot find the file specified" }],
    },
  }),
  uploadDenied: (): FailureSample => ({
    exitCode: 0,
    stdout: "wrote /mnt/batch/tasks/workitems/etl-nightly/job-1/out/part-0000.parquet\n",
    failureInfo: {
      category: "UserError",
      code: "FileUploadAccessDenied",
      message: "Access to one of the specified file upload destinations was denied",
      details: [{ name: "ContainerUrl", value: `${STORE}/outputs?sv=2022-11-02&sp=r&se=2027-01-01T00%3A00%3A00Z&sig=REDACTED` }],
    },
    extraFiles: {
      "fileuploaderr.txt":
        "2026-11-27T03:12:44Z ERROR Upload of out/part-0000.parquet failed: 403 AuthorizationPermissionMismatch " +
        "(This request is not authorized to perform this operation using this permission.) " +
        `container=${STORE}/outputs?sig=REDACTED\n`,
    },
  }),
  wallClock: (limit: string): FailureSample => ({
    runMs: parseDuration(limit),
    constraints: { maxWallClockTime: limit, retentionTime: "P7D", maxTaskRetryCount: 0 },
    exitCode: WALL_CLOCK_EXIT_CODE,
    stdout: "step 1/3 extract ... done\nstep 2/3 join ... \n",
    failureInfo: {
      category: "ServerError",
      code: "TaskEnded",
      message: "The task exceeded its maximum wall clock time and was terminated.",
      details: [{ name: "MaxWallClockTime", value: limit }],
    },
  }),
  terminated: (): FailureSample => ({
    exitCode: 137,
    stdout: "processing partition 7\n",
    failureInfo: { category: "UserError", code: "TaskEnded", message: "Task was ended by user request." },
  }),
  badImage: (): FailureSample => ({
    failureInfo: {
      category: "UserError",
      code: "ContainerInvalidImage",
      message: "One or more container images specified are invalid",
      details: [
        { name: "Image", value: "contoso.azurecr.io/etl:v9.9-typo" },
        { name: "Message", value: 'manifest unknown: manifest tagged by "v9.9-typo" is not found' },
      ],
    },
  }),
  diskFull: (): FailureSample => ({
    failureInfo: {
      category: "ServerError",
      code: "DiskFull",
      message: "The compute node disk ran out of space when downloading the resource files required for the task.",
    },
  }),
  unknown: (): FailureSample => ({
    failureInfo: { category: "ServerError", code: "Unknown", message: "The reason for the scheduling error is unknown." },
  }),
};
