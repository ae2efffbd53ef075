import { splitPosixArgs, splitWindowsArgs } from "./argv";
import { createMachine } from "./create-machine";
import { createRecording } from "./io";
import type { CommandOutcome, NodeOs } from "./outcome";

export type { CommandOutcome, FailureDetail, NodeOs, OutputEvent } from "./outcome";

/** Process start-up and teardown: even `true` takes a moment on a real node. */
export const PROCESS_OVERHEAD_MS = 50;

/**
 * Decides what a Batch task's command line would do on a node, without running anything.
 * As on Batch, the line is not given to a shell: only `sh -c`, `bash -c`, `cmd /c` and the like
 * get shell syntax; otherwise the first word must be an installed program.
 */
export function interpretCommandLine(commandLine: string, os: NodeOs = "linux"): CommandOutcome {
  const argv = os === "windows" ? splitWindowsArgs(commandLine) : splitPosixArgs(commandLine);
  const name = argv[0];
  const machine = createMachine(os);
  const program = name === undefined || name === "" ? undefined : machine.resolve(name);
  if (program === undefined) return programNotFound(commandLine);

  const recording = createRecording();
  const exitCode = program({ argv, raw: commandLine }, recording.io, machine);
  return {
    kind: "exited",
    exitCode,
    durationMs: recording.clock.ms + PROCESS_OVERHEAD_MS,
    events: recording.events(),
  };
}

// Wording as the Batch service reports it in the task's failureInfo.
function programNotFound(commandLine: string): CommandOutcome {
  return {
    kind: "launchFailed",
    code: "CommandProgramNotFound",
    message: "The specified command program is not found",
    details: [
      { name: "Message", value: "The system cannot find the file specified." },
      { name: "CommandLine", value: commandLine },
    ],
  };
}
