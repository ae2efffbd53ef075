export interface OutputEvent {
  atMs: number;
  stream: "stdout" | "stderr";
  text: string;
}

export interface FailureDetail {
  name: string;
  value: string;
}

export type CommandOutcome =
  | { kind: "launchFailed"; code: "CommandProgramNotFound"; message: string; details: FailureDetail[] }
  | { kind: "exited"; exitCode: number; durationMs: number; events: OutputEvent[] };

export type NodeOs = "linux" | "windows";
